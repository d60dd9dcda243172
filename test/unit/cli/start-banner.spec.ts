import { startBanner, type BannerFacts } from '../../../apps/start-banner';
import { loadAuthConfig } from '../../../infra/auth/auth-config';
import { loadConfig } from '../../../infra/config/app-config';
import { newProgrammeRecord } from '../../../infra/config/programme-choice';

function facts(
  how: BannerFacts['programme']['how'],
  trainingNow?: string,
  env: NodeJS.ProcessEnv = { DATA_DIR: '/srv/towns' },
): BannerFacts {
  const config = loadConfig({ ...env, POLICY_REHEARSAL_OPENS_ON: '2027-03-01' });
  const record = newProgrammeRecord(config.policy, new Date('2027-03-01T01:00:00Z'), 'first-start');
  return {
    config,
    temporalAddress: '127.0.0.1:7233',
    temporalUiUrl: undefined,
    programme: { record, how, file: config.programmeFile },
    programmeWorkflowId: `programme-${record.programmeId}`,
    auth: loadAuthConfig(env),
    keys: { publicKeyFile: '/srv/towns/auth/public.pem', generated: false, canMint: true },
    checkpointer: undefined,
    ...(trainingNow === undefined ? {} : { trainingNow }),
  };
}

describe('the banner’s word on the programme', () => {
  it('says npm start keeps the programme it chose, and runs it at every start', () => {
    const banner = startBanner(facts('chosen-now'));
    expect(banner).toContain(
      'chosen now and kept in /srv/towns/programme.json: every start runs it again (another: npm run programme -- new)',
    );
  });

  it('says training mode chooses it anew at every start, as it does', () => {
    const banner = startBanner(facts('chosen-now', '2027-03-01T01:00:00.000Z'));
    expect(banner).toContain('chosen anew at this start, as at every start in training mode');
    expect(banner).not.toContain('every start runs it again');
    expect(banner).not.toContain('npm run programme -- new');
  });
});

describe('the banner’s word on checkpoints', () => {
  it('advises npm start’s embedded store to set AUDIT_SIGNING_KEY_FILE', () => {
    expect(startBanner(facts('recorded'))).toContain(
      'set AUDIT_SIGNING_KEY_FILE to make them in this process',
    );
  });

  it('says training mode makes none, without advising a setting it refuses', () => {
    const banner = startBanner(facts('chosen-now', '2027-03-01T01:00:00.000Z'));
    expect(banner).toContain('Checkpoints    none in training mode');
    expect(banner).not.toContain('AUDIT_SIGNING_KEY_FILE');
  });
});

describe('the banner’s command to mint a token', () => {
  it('names DATA_DIR when it is not the token command’s default, in both commands', () => {
    const banner = startBanner(facts('recorded'));
    expect(banner).toContain(
      'Mint a token   DATA_DIR=/srv/towns npm run token -- --role county-official --county 芦溪县',
    );
    expect(banner).toContain('$(DATA_DIR=/srv/towns npm run -s token -- --role auditor)');
  });

  it('names training’s own data directory, as the project’s scripts see it', () => {
    const banner = startBanner(
      facts('chosen-now', '2027-03-01T01:00:00.000Z', { DATA_DIR: 'data/training' }),
    );
    expect(banner).toContain('DATA_DIR=data/training npm run token -- --role county-official');
  });

  it('is the plain command where the token command’s defaults are this process’s', () => {
    const banner = startBanner(facts('recorded', undefined, {}));
    expect(banner).toContain('Mint a token   npm run token -- --role county-official --county 芦溪县');
    expect(banner).toContain('$(npm run -s token -- --role auditor)');
  });
});
