import { readFileSync } from 'node:fs';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { findPolicy, policyIds } from '../../domain/policy/policy-registry';
import { rehearsalOf } from '../../domain/policy/rehearsal-calendar';
import { formatLocalDate, localDateOf } from '../../domain/calendar/shanghai-calendar';
import { ConfigError, type PolicySource } from './app-config';

/**
 * Loads the pack this deployment runs: validated (schema and content hash) before anything starts. A pack
 * that cannot be had is a refused setting, naming POLICY or POLICY_FILE.
 */
export function resolveProgrammePolicy(source: PolicySource, now: Date): PolicyPack {
  const pack = source.file ? packFromFile(source.file) : builtInPack(source.id);
  if (source.calendar === 'as-written') return pack;
  return rehearsalOf(pack, source.rehearsalOpensOn ?? formatLocalDate(localDateOf(now.toISOString())));
}

function builtInPack(id: string): PolicyPack {
  const pack = findPolicy(id);
  if (pack !== undefined) return pack;
  throw new ConfigError([
    `POLICY=${JSON.stringify(id)}: no built-in policy pack has this id (${policyIds.join(', ')}); ` +
      'a pack of your own is named by POLICY_FILE',
  ]);
}

function packFromFile(file: string): PolicyPack {
  const refused = (why: string) => new ConfigError([`POLICY_FILE=${JSON.stringify(file)}: ${why}`]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw refused(`cannot be read (${(error as Error).message})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw refused(`is not JSON (${(error as Error).message})`);
  }
  try {
    return parsePolicyPack(document);
  } catch (error) {
    throw refused(`is not a valid policy pack: ${(error as Error).message}`);
  }
}
