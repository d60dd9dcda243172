import { resolve } from 'node:path';
import { generateSigningKey } from '../../../infra/audit/keys';
import { output } from '../audit-context';
import { parseCommandLine, UsageError } from '../../cli-usage';

/** `keygen --out <dir>`: a new Ed25519 key pair for the checkpointer. */
export function keygenCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: { out: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.out === undefined) throw new UsageError('OPTION_REQUIRED', 'keygen needs --out <directory>');
  const made = generateSigningKey(resolve(values.out));
  output(values.json).result(made, () => [
    `Key ${made.keyId}`,
    `  private: ${made.privateKeyFile}  (the checkpointer's alone: AUDIT_SIGNING_KEY_FILE)`,
    `  public:  ${made.publicKeyFile}  (copy into AUDIT_PUBLIC_KEYS_DIR wherever checkpoints are verified,`,
    '           and keep the old public keys there after rotating)',
  ]);
  return Promise.resolve(0);
}
