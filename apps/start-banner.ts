/** What `npm start` prints once everything runs: where each part is, and which programme it runs. */
import type { AuthConfig } from '../infra/auth/auth-config';
import type { AppConfig } from '../infra/config/app-config';
import type { ProgrammeChoice } from '../infra/config/programme-choice';
import { describeTemporalSecurity } from '../infra/temporal/temporal-security';
import type { RunningCheckpointer } from './checkpointer/run-checkpointer';
import { tokenCommand } from './token/token-command';

export interface BannerFacts {
  readonly config: AppConfig;
  readonly temporalAddress: string;
  readonly temporalUiUrl: string | undefined;
  readonly programme: ProgrammeChoice;
  readonly programmeWorkflowId: string;
  readonly auth: AuthConfig;
  readonly keys: { readonly publicKeyFile: string; readonly generated: boolean; readonly canMint: boolean };
  readonly checkpointer: RunningCheckpointer | undefined;
  /** Training mode: the virtual instant at start. */
  readonly trainingNow?: string;
}

export function startBanner(facts: BannerFacts): string {
  const { config, programme } = facts;
  const { policy, programmeId } = programme.record;
  const apiUrl = `http://localhost:${config.http.port}`;
  return [
    '',
    facts.trainingNow === undefined
      ? 'Characteristic towns programme is running:'
      : 'Characteristic towns programme is running in TRAINING MODE (演练):',
    ...(facts.trainingNow === undefined
      ? []
      : [
          `  Virtual clock  ${facts.trainingNow} — an administrator moves it: POST ${apiUrl}/api/training/clock`,
          '                 (time-skipping test server: no Temporal Web UI, no visibility API; see README)',
        ]),
    `  Console        ${apiUrl}/`,
    `  API            ${apiUrl}/api`,
    `  API docs       ${apiUrl}/api/docs   (OpenAPI: ${apiUrl}/api/docs-json)`,
    `  Health         ${apiUrl}/api/health/ready`,
    `  Temporal       ${facts.temporalAddress} (namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue})`,
    ...(config.temporal.address
      ? [`                 ${describeTemporalSecurity(config.temporal.security)}`]
      : []),
    ...(facts.temporalUiUrl ? [`  Temporal UI    ${facts.temporalUiUrl}`] : []),
    `  Event store    ${describeStore(config.eventStore)}`,
    `  Programme      ${policy.title.en} — ${policy.id} (version ${policy.version.slice(0, 12)})`,
    `                 programme id ${programmeId}, workflow ${facts.programmeWorkflowId}`,
    `                 ${facts.trainingNow === undefined ? describeChoice(programme) : describeTrainingChoice(programme)}`,
    ...policy.batches.map(
      (batch) =>
        `    batch ${batch.id}: applications ${batch.applicationOpensOn} – ${batch.applicationClosesOn}`,
    ),
    `  Sign-in        bearer tokens from ${facts.auth.issuer} for ${facts.auth.audience}, key ${facts.keys.publicKeyFile}` +
      (facts.keys.generated ? ' (new development key pair)' : ''),
    ...(facts.trainingNow === undefined
      ? checkpointerLines(facts.checkpointer, config.eventStore.kind === 'pglite')
      : // Training refuses AUDIT_SIGNING_KEY_FILE (start-settings.ts): no advice to set it.
        ['  Checkpoints    none in training mode: its log is in memory and ends with it']),
    ...(facts.keys.canMint
      ? [
          // With the settings it needs to mint for this process (another DATA_DIR, key or issuer).
          `  Mint a token   ${tokenCommand('--role county-official --county 芦溪县', facts)}`,
          `                 curl -H "Authorization: Bearer $(${tokenCommand('--role auditor', facts, { silent: true })})" ${apiUrl}/api/towns`,
        ]
      : []),
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}

function describeChoice({ how, file, record }: ProgrammeChoice): string {
  switch (how) {
    case 'recorded':
      return `kept in ${file} since ${record.chosenAt} (another: npm run programme -- new)`;
    case 'found-in-event-store':
      return `found in the event store, now kept in ${file}`;
    case 'chosen-now':
    case 'configured':
      return `chosen now and kept in ${file}: every start runs it again (another: npm run programme -- new)`;
  }
}

/** Training mode deletes the record at every start and chooses again (apps/start-system.ts). */
function describeTrainingChoice({ file }: ProgrammeChoice): string {
  return `chosen anew at this start, as at every start in training mode (kept in ${file} until the next)`;
}

function checkpointerLines(checkpointer: RunningCheckpointer | undefined, embeddedStore: boolean): string[] {
  if (checkpointer === undefined && embeddedStore) {
    // The embedded store admits one process: a checkpointer of its own could not open it while this runs.
    return [
      '  Checkpoints    none made: set AUDIT_SIGNING_KEY_FILE to make them in this process (the embedded',
      '                 store admits one process at a time; see docs/decisions/0023)',
    ];
  }
  if (checkpointer === undefined) {
    return [
      '  Checkpoints    none made by this process: run `npm run checkpointer` with its own key',
      '                 (or set AUDIT_SIGNING_KEY_FILE to make them here; see docs/decisions/0023)',
    ];
  }
  return [
    `  Checkpoints    every ${checkpointer.every}, signed by ${checkpointer.keyId}, into ${checkpointer.sinks}`,
    '                 WARNING: the signing key is held by this process, which also writes the log: whoever',
    '                 controls it can sign a rewritten log. To keep them apart, unset AUDIT_SIGNING_KEY_FILE',
    '                 here and run `npm run checkpointer` as another user (needs PostgreSQL).',
  ];
}

function describeStore(config: AppConfig['eventStore']): string {
  switch (config.kind) {
    case 'pglite':
      return `embedded PostgreSQL (PGlite) in ${config.dataDir ?? 'memory'}`;
    case 'postgres':
      return `PostgreSQL ${config.url.replace(/\/\/[^@]*@/, '//***@')}`;
    case 'kurrentdb':
      return `KurrentDB ${config.url}`;
  }
}
