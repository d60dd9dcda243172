import { patched } from '@temporalio/workflow';
import type { TownCommand } from '../../domain/town';
import { inspectorAsRecorded as inspectorAsRecordedBeforeUnits } from '../../domain/town/inspector-as-recorded';
import type { StepMeta } from '../shared/stream-step';

/**
 * Inspectors are bound to their member unit (the decider refuses an inspection by an inspector whose
 * actor names another unit or none). Inspections recorded before that carried no unit: when such a step
 * is replayed from a history made without this patch's marker, its inspector is taken as bound to the
 * unit they inspected for, so the step is decided as it was then. Live, an inspector without a unit is
 * refused by the Update's validator before this runs (docs/decisions/0081).
 */
export const INSPECTORS_BOUND_TO_UNITS_PATCH = 'inspectors-bound-to-units';

export function inspectorAsRecorded(command: TownCommand, meta: StepMeta): StepMeta {
  const actor = inspectorAsRecordedBeforeUnits(command, meta.actor);
  if (actor === meta.actor) return meta;
  if (patched(INSPECTORS_BOUND_TO_UNITS_PATCH)) return meta;
  return { ...meta, actor };
}
