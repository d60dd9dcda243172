import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { KEPT_DEADLINE_TIMERS_PATCH } from '../../../workflows/shared/entity-loop';
import { CONCURRENT_RELAYS_PATCH } from '../../../workflows/shared/outbox';
import { readHistory } from '../../helpers/history-files';
import { testTemporal } from '../../helpers/test-env';

const { EventType } = temporal.api.enums.v1;
const directory = resolve(__dirname, '..', '..', 'histories');
const files = readdirSync(directory).filter((file) => file.endsWith('.json'));

/** The same lives, recorded before and after docs/decisions/0042 (kept deadline timers, concurrent relays). */
const lives = [
  'programme',
  'programme-continued-as-new',
  'batch-2017',
  'town-accepted',
  'town-continued-as-new',
  'town-exited',
  'town-late-plan',
  'town-not-listed',
];

/** The patches a history's run recorded (Temporal's `core_patch` markers). */
function patchesIn(file: string): string[] {
  return readHistory(join(directory, file)).events.flatMap((event) => {
    const marker = event.markerRecordedEventAttributes;
    const data =
      marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : null;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });
}

/**
 * Histories recorded from real runs (test/helpers/record-histories.ts, record-audit-histories.ts) must replay against the current
 * workflow code: a change that would make a running programme, batch or town non-deterministic fails
 * here, before it reaches a worker. Replay needs no server, only the bundled code.
 */
describe('recorded workflow histories replay against the current code', () => {
  const options = { workflowBundle: { codePath: testTemporal().workflowBundlePath } };

  it('has histories of every workflow, whole lives and continued runs, from before and after 0042', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        ...lives.map((life) => `${life}.json`),
        ...lives.map((life) => `${life}-kept-timers.json`),
      ]),
    );
  });

  it("has the lives recorded with the province's answers and the relayed reasons (decision 0111)", () => {
    expect(files).toEqual(expect.arrayContaining(lives.map((life) => `${life}-provincial-answers.json`)));
  });

  it("has histories of the auditors' workflows: the checkpoint ledger and an audit job", () => {
    // Recorded by test/helpers/record-audit-histories.ts.
    expect(files).toEqual(
      expect.arrayContaining([
        'checkpoint-ledger-first.json',
        'audit-job-verify-first.json',
        // A ledger that pins a key endorsed by its first (decision 0075), checkpoints of format 2 (0074).
        'checkpoint-ledger-rotated.json',
      ]),
    );
  });

  it('has the histories from before the patches without their markers, and those after with them', () => {
    for (const life of lives) {
      expect(patchesIn(`${life}.json`)).toEqual([]);
      const relays = life.startsWith('programme') || life.startsWith('batch');
      expect(patchesIn(`${life}-kept-timers.json`).sort()).toEqual(
        relays ? [CONCURRENT_RELAYS_PATCH, KEPT_DEADLINE_TIMERS_PATCH].sort() : [KEPT_DEADLINE_TIMERS_PATCH],
      );
    }
  });

  it.each(files)('%s', async (file) => {
    await Worker.runReplayHistory(options, readHistory(join(directory, file)), file);
  });

  it('would catch a non-deterministic change', async () => {
    // The same history, as if an earlier version of the code had scheduled a timer where today's code
    // runs an activity: the replay must refuse it.
    const history = readHistory(join(directory, 'town-not-listed.json'));
    const scheduled = history.events.find(
      (event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    );
    if (!scheduled?.activityTaskScheduledEventAttributes?.activityType) throw new Error('no activity');
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';
    await expect(Worker.runReplayHistory(options, history, 'altered')).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  });
});
