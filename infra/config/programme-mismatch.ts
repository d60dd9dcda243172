/**
 * POLICY* settings given explicitly are checked against the programme a data directory runs — the one
 * it records, or the one its event store holds when it records none — and refused when they describe
 * another, never silently ignored: a new programme is chosen by `npm run programme -- new`, and only so.
 */
import { findPolicy } from '../../domain/policy/policy-registry';
import type { PolicySource } from './app-config';
import { ProgrammeChoiceError } from './programme-choice.errors';
import { resolveProgrammePolicy } from './programme-policy';
import type { ProgrammeRecord, RecordedPolicySource } from './programme-record';

export const policyVariables = [
  'POLICY',
  'POLICY_FILE',
  'POLICY_CALENDAR',
  'POLICY_REHEARSAL_OPENS_ON',
] as const;

/** `where` says where the programme was found, for the message: the record's file, or the event store. */
export function refuseConflictingSettings(
  running: ProgrammeRecord,
  source: PolicySource,
  env: NodeJS.ProcessEnv,
  where: string,
): void {
  const explicit = policyVariables.filter((name) => (env[name] ?? '').trim() !== '');
  if (explicit.length === 0) return;
  // Only what was said counts: every setting not given is taken from the running programme, so that an
  // unset POLICY_REHEARSAL_OPENS_ON means the running programme's day, not today.
  const base = settingsOf(running, source);
  const asked = resolveProgrammePolicy(
    {
      id: explicit.includes('POLICY') ? source.id : base.id,
      file: explicit.includes('POLICY_FILE') ? source.file : base.file,
      // A rehearsal's day asks for a rehearsal (loadConfig refuses it beside an as-written calendar).
      calendar:
        explicit.includes('POLICY_CALENDAR') || explicit.includes('POLICY_REHEARSAL_OPENS_ON')
          ? source.calendar
          : base.calendar,
      rehearsalOpensOn: explicit.includes('POLICY_REHEARSAL_OPENS_ON')
        ? source.rehearsalOpensOn
        : base.rehearsalOpensOn,
    },
    new Date(),
  );
  if (asked.version === running.policy.version) return;
  const settings = explicit.map((name) => `${name}=${env[name] ?? ''}`).join(' ');
  throw new ProgrammeChoiceError('PROGRAMME_MISMATCH', {
    en:
      `This installation runs programme ${running.programmeId} (${where}); ${settings} describes another ` +
      `(${asked.id}). To keep running ${running.programmeId}, unset them. To start a new programme, ` +
      'run npm run programme -- new with these settings, then start again.',
    zh:
      `本系统运行的是方案 ${running.programmeId}（${where}）；${settings} 指向另一方案（${asked.id}）。` +
      `如需继续运行 ${running.programmeId}，请取消这些设置；如需开始新方案，请带这些设置运行 npm run programme -- new 后再启动。`,
  });
}

const rehearsalId = /^(.+)-rehearsal-(\d{4}-\d{2}-\d{2})$/;

/**
 * The settings the programme was chosen with. A programme found in an event store (or recorded before
 * records kept them) has none: they are read off its pack, whose id says whether it is a rehearsal and
 * of which pack, so that POLICY=<its pack> alone agrees with it whether its calendar was moved or not.
 */
function settingsOf(running: ProgrammeRecord, source: PolicySource): RecordedPolicySource {
  if (running.source !== undefined) return running.source;
  const [, original, opensOn] = rehearsalId.exec(running.policy.id) ?? [];
  const file = source.file === undefined ? {} : { file: source.file };
  // A pack of the operator's own is no built-in: its id cannot stand for it, the settings' may.
  const id = (packId: string) => (findPolicy(packId) === undefined ? source.id : packId);
  return original !== undefined && opensOn !== undefined
    ? { id: id(original), ...file, calendar: 'rehearsal', rehearsalOpensOn: opensOn }
    : { id: id(running.policy.id), ...file, calendar: 'as-written' };
}
