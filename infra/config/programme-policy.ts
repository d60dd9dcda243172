import { readFileSync } from 'node:fs';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { requirePolicy } from '../../domain/policy/policy-registry';
import { rehearsalOf } from '../../domain/policy/rehearsal-calendar';
import { formatLocalDate, localDateOf } from '../../domain/calendar/shanghai-calendar';
import type { PolicySource } from './app-config';

/** Loads the pack this deployment runs: validated (schema and content hash) before anything starts. */
export function resolveProgrammePolicy(source: PolicySource, now: Date): PolicyPack {
  const pack = source.file
    ? parsePolicyPack(JSON.parse(readFileSync(source.file, 'utf8')) as unknown)
    : requirePolicy(source.id);
  if (source.calendar === 'as-written') return pack;
  return rehearsalOf(pack, source.rehearsalOpensOn ?? formatLocalDate(localDateOf(now.toISOString())));
}
