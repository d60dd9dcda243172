/**
 * The log the code before the faithful readings wrote (docs/decisions/0110): the Pingxiang scenario
 * (test/helpers/pingxiang-scenario.ts as it stood at commit 4a68b49) run on the time-skipping server with
 * that commit's workflows and deciders, every event of the store kept as JSON, the rehearsal pack's
 * adoption included. Today's deciders must decide every one of its steps exactly as it was decided,
 * under the first edition it names; today's pack shows where the readings changed.
 */
import { pingxiang2017, pingxiang2017FirstEdition, rehearsalOf } from '../../../domain/policy';
import { redecideLog } from '../../../audit/redecide/redecide';
import { firstEditionEvents } from '../../helpers/first-edition-log';
import { RecordedLog } from './recorded';

function recordedLog(): RecordedLog {
  const log = new RecordedLog();
  log.events.push(...firstEditionEvents());
  return log;
}

describe('the log the first edition’s code wrote, re-decided by today’s code', () => {
  const log = recordedLog();

  it('is a whole programme under the first edition’s rehearsal', () => {
    const rehearsal = rehearsalOf(pingxiang2017FirstEdition, '2027-03-01');
    const packs = new Set(log.events.map((event) => JSON.stringify(event.metadata.policy)));
    expect(packs).toEqual(new Set([JSON.stringify({ id: rehearsal.id, version: rehearsal.version })]));
    expect(log.events.filter((event) => event.type === 'TownClosed')).toHaveLength(8);
  });

  it('reproduces every step under the pack the log records', async () => {
    const report = await redecideLog({ store: log.reader() });
    expect(report.steps).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.totals.reproduced).toBe(report.totals.steps);
    expect(report.totals.steps).toBeGreaterThan(200);
    expect(report.packs).toEqual([expect.objectContaining({ source: 'log', steps: report.totals.steps })]);
  });

  it('shows, under today’s pack, the steps the faithful readings decide otherwise', async () => {
    const whatIf = rehearsalOf(pingxiang2017, '2027-03-01');
    const report = await redecideLog({ store: log.reader(), whatIf });
    expect(report.ok).toBe(true);
    // Applications declare the conditions, defences confirm them, opinions assess four criteria; the
    // recommendation rounds put every excellent town forward; an exited town's place is given back; a
    // failed progress check may be taken again.
    expect(report.whatIf?.byCommand).toEqual({
      SubmitApplication: 12,
      ApplyForTown: 12,
      RecordDefenceScore: 12,
      DecideProvincialRecommendations: 3,
      OpenProgrammeBatch: 1,
      RecordProgressCheck: 1,
      FormAcceptanceOpinion: 8,
    });
    const round2028 = report.whatIf?.steps.find(
      (step) =>
        step.commandType === 'DecideProvincialRecommendations' &&
        step.difference?.path.startsWith('data.recommended'),
    );
    expect(round2028?.difference).toMatchObject({
      found: 'wugongshan-tourism',
      expected: 'etdz-new-materials',
    });
  });
});
