/**
 * `npm run token`: mints a signed bearer token for local use, with the key pair `npm start` made in its
 * data directory (auth/) or the one AUTH_PUBLIC_KEY_FILE and AUTH_PRIVATE_KEY_FILE name. It never makes a
 * pair of its own: the API would refuse every token signed with it. A deployment gets its tokens from
 * its identity provider instead; this stands in for it on one machine.
 */
import { join } from 'node:path';
import { loadAuthConfig, resolveAuthKeys } from '../../infra/auth/auth-config';
import { AuthKeyMissing } from '../../infra/auth/auth-keys';
import { mintToken } from '../../infra/auth/token-issuer';
import { loadConfig } from '../../infra/config/app-config';
import { programmePolicyForTools } from '../../infra/config/programme-choice';
import { describeUsageError } from '../cli-usage';
import { describeStartupFailure } from '../startup-failure';
import { parseTokenRequest, tokenUsage } from './token-request';

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.error(tokenUsage);
    return 0;
  }
  const config = loadConfig();
  // The running programme's counties: its recorded pack, or before the first start, the configured one.
  const policy = programmePolicyForTools(config);
  const request = parseTokenRequest(argv, policy);
  if (!request.ok) {
    process.stderr.write(describeUsageError(request.error, tokenUsage));
    return 2;
  }
  const auth = loadAuthConfig();
  let keys;
  try {
    keys = resolveAuthKeys(auth, { devKeyDir: join(config.dataDir, 'auth'), makeDevKeys: false });
  } catch (error) {
    if (!(error instanceof AuthKeyMissing)) throw error;
    // What is missing is the environment's to provide, as a setting refused is (exit 2).
    console.error(describeStartupFailure(error));
    return 2;
  }
  if (!keys.privateKey) {
    console.error(
      describeStartupFailure(
        new AuthKeyMissing(
          'No private key to sign with: AUTH_PUBLIC_KEY_FILE is set and AUTH_PRIVATE_KEY_FILE is not. ' +
            'Set it too, or unset both to use the pair npm start made in DATA_DIR/auth/.',
        ),
      ),
    );
    return 2;
  }
  const token = await mintToken({
    privateKey: keys.privateKey,
    algorithm: keys.algorithm,
    issuer: auth.issuer,
    audience: auth.audience,
    principal: request.principal,
    ttlSeconds: request.ttlSeconds,
  });
  const { userId, seat, county, unit } = request.principal;
  const heldFor = county ?? unit;
  console.error(
    `Token for ${userId} (${seat}${heldFor ? `, ${heldFor}` : ''}), valid ${request.ttlSeconds} s, signed with ${keys.privateKeyFile ?? ''}`,
  );
  console.log(token);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exitCode = 1;
  },
);
