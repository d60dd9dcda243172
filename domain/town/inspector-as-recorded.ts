import type { Actor, RecordedCommand } from '../shared/event-envelope';

/**
 * Inspectors are bound to their member unit (docs/decisions/0081); an inspection recorded before that
 * carries an actor without a unit. Decided again — by a workflow replaying its history, by re-decision
 * of the log — such a step is decided as it was then: its inspector taken as bound to the unit they
 * inspected for. Only a step recorded under the earlier rule can have such an actor: today the edge and
 * the Update's validator refuse an inspector without a unit before any decision.
 */
export function inspectorAsRecorded(command: RecordedCommand, actor: Actor): Actor {
  if (command.type !== 'RecordSiteInspection') return actor;
  if (actor.seat !== 'member-unit-inspector' || actor.unit !== undefined) return actor;
  const unit = (command.data as { readonly unit?: unknown } | null)?.unit;
  return typeof unit === 'string' ? { ...actor, unit } : actor;
}
