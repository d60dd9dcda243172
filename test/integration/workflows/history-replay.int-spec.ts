import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { TOWN_ANSWERS_APPLICATIONS_PATCH } from '../../../workflows/batch/batch-applications';
import { LIST_IN_PAGES } from '../../../workflows/batch/batch-list-pages';
import { BATCH_MEMBERS_IN_STORE } from '../../../workflows/batch/batch-members';
import { MEMBERS_IN_STORE } from '../../../workflows/programme/programme-members';
import { RATINGS_FROM_STORE, ROUND_IN_PAGES } from '../../../workflows/programme/programme.workflow';
import { KEPT_DEADLINE_TIMERS_PATCH } from '../../../workflows/shared/entity-loop';
import { CONCURRENT_RELAYS_PATCH } from '../../../workflows/shared/outbox';
import { LOCAL_APPENDS_PATCH, MUTEX_TURNS_PATCH } from '../../../workflows/shared/stream-command-runner';
import { readHistory } from '../../helpers/history-files';
import { testTemporal } from '../../helpers/test-env';

const { EventType } = temporal.api.enums.v1;
const directory = resolve(__dirname, '..', '..', 'histories');
const files = readdirSync(directory).filter((file) => file.endsWith('.json'));

/**
 * The same lives, recorded before and after docs/decisions/0042 (kept deadline timers, concurrent relays),
 * after 0061 (applications answered by their town: `-town-answers`) and after 0124 (steps that wait take
 * turns on a mutex: `-mutex-turns`).
 */
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

/**
 * Runs that did not start a chain but continued one (issue 12): the second run of the programme's, the
 * 2017 batch's and a town's chain, recorded by the code of 0042 and by today's.
 */
const secondRuns = ['programme-second-run', 'batch-second-run', 'town-second-run'];

/** The markers a history of `life` recorded by the code after 0042 carries; `answers`: after 0061 too. */
function patchesAfter0042(life: string, answers: boolean): string[] {
  if (life.startsWith('town')) return [KEPT_DEADLINE_TIMERS_PATCH];
  const relays = [CONCURRENT_RELAYS_PATCH, KEPT_DEADLINE_TIMERS_PATCH];
  // A batch records the marker of 0061 with its first application; its second run took none.
  return answers && life === 'batch-2017' ? [...relays, TOWN_ANSWERS_APPLICATIONS_PATCH] : relays;
}

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

  it('has histories of every workflow, whole lives and continued runs, from before and after 0042 and 0061', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        ...lives.map((life) => `${life}.json`),
        ...lives.map((life) => `${life}-kept-timers.json`),
        ...lives.map((life) => `${life}-town-answers.json`),
      ]),
    );
  });

  it('has the second runs of the programme, batch and town chains, recorded by the code of 0042 and of 0061', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        ...secondRuns.map((run) => `${run}-kept-timers.json`),
        ...secondRuns.map((run) => `${run}-town-answers.json`),
      ]),
    );
  });

  it('has the lives recorded since 0124, one of them with a step that waited for its turn on the mutex', () => {
    expect(files).toEqual(
      expect.arrayContaining([...lives, ...secondRuns].map((name) => `${name}-mutex-turns.json`)),
    );
    // Whether a step waits depends on how a run's tasks fell: this run's did, so the mutex's path replays.
    expect(patchesIn('town-second-run-mutex-turns.json')).toContain(MUTEX_TURNS_PATCH);
  });

  it("has the lives recorded with the province's answers and the relayed reasons (decision 0111)", () => {
    expect(files).toEqual(expect.arrayContaining(lives.map((life) => `${life}-provincial-answers.json`)));
  });

  it('has the lives recorded since 0066, the programme deciding its rounds in pages', () => {
    expect(files).toEqual(
      expect.arrayContaining([...lives, ...secondRuns].map((name) => `${name}-round-in-pages.json`)),
    );
    expect(patchesIn('programme-round-in-pages.json')).toEqual(
      expect.arrayContaining([RATINGS_FROM_STORE, ROUND_IN_PAGES]),
    );
  });

  it('has the lives recorded since 0067: a programme run hands over its members through the store', () => {
    expect(files).toEqual(
      expect.arrayContaining([...lives, ...secondRuns].map((name) => `${name}-members-in-store.json`)),
    );
    expect(patchesIn('programme-continued-as-new-members-in-store.json')).toContain(MEMBERS_IN_STORE);
    // The run that took over read its members back before anything else.
    const taken = readHistory(join(directory, 'programme-second-run-members-in-store.json')).events;
    const firstActivity = taken.find((event) => event.activityTaskScheduledEventAttributes);
    expect(firstActivity?.activityTaskScheduledEventAttributes?.activityType?.name).toBe(
      'readProgrammeMembers',
    );
  });

  it('has the lives recorded since 0130: a batch starts its towns with a reference to the pack', () => {
    expect(files).toEqual(
      expect.arrayContaining([...lives, ...secondRuns].map((name) => `${name}-pack-by-reference.json`)),
    );
    const started = readHistory(join(directory, 'town-accepted-pack-by-reference.json')).events[0]
      ?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const input = JSON.parse(new TextDecoder().decode(started ?? new Uint8Array())) as { policy: object };
    expect(input.policy).toHaveProperty('builtIn.id', 'pingxiang-2017');
  });

  it('has the lives recorded since 0069: a batch records its list in pages and tells the programme their count', () => {
    expect(files).toEqual(
      expect.arrayContaining([...lives, ...secondRuns].map((name) => `${name}-list-in-pages.json`)),
    );
    expect(patchesIn('batch-2017-list-in-pages.json')).toContain(LIST_IN_PAGES);
    // The programme read the listed towns from the batch's stream before recording them.
    const programme = readHistory(join(directory, 'programme-list-in-pages.json')).events;
    const activities = programme.flatMap(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
    expect(activities).toContain('readBatchListed');
  });

  it('has the lives recorded since 0097: a batch run hands over its members and event ids through the store', () => {
    expect(files).toEqual(
      expect.arrayContaining(
        [...lives, ...secondRuns, 'batch-continued-as-new'].map(
          (name) => `${name}-batch-members-in-store.json`,
        ),
      ),
    );
    expect(patchesIn('batch-continued-as-new-batch-members-in-store.json')).toContain(BATCH_MEMBERS_IN_STORE);
    // The run that took over read its members back before anything else.
    const taken = readHistory(join(directory, 'batch-second-run-batch-members-in-store.json')).events;
    const firstActivity = taken.find((event) => event.activityTaskScheduledEventAttributes);
    expect(firstActivity?.activityTaskScheduledEventAttributes?.activityType?.name).toBe('readBatchMembers');
  });

  it("has the lives recorded since 0132: an official's append runs as a local activity", () => {
    expect(files).toEqual(
      expect.arrayContaining([...lives, ...secondRuns].map((name) => `${name}-local-appends.json`)),
    );
    expect(patchesIn('town-accepted-local-appends.json')).toContain(LOCAL_APPENDS_PATCH);
    // The officials' appends are recorded as local activities; the deadlines' and relays' as tasks.
    const events = readHistory(join(directory, 'town-accepted-local-appends.json')).events;
    const local = events.filter(
      (event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    );
    const scheduled = events.flatMap(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
    expect(local.length).toBeGreaterThan(0);
    expect(scheduled).toContain('appendToStream');
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
      expect(patchesIn(`${life}-kept-timers.json`).sort()).toEqual(patchesAfter0042(life, false).sort());
      expect(patchesIn(`${life}-town-answers.json`).sort()).toEqual(patchesAfter0042(life, true).sort());
    }
    for (const run of secondRuns) {
      for (const suffix of ['kept-timers', 'town-answers']) {
        expect(patchesIn(`${run}-${suffix}.json`).sort()).toEqual(patchesAfter0042(run, false).sort());
      }
    }
  });

  it('has second runs that start from a carried-over state', () => {
    for (const run of secondRuns) {
      for (const suffix of ['kept-timers', 'town-answers']) {
        const started = readHistory(join(directory, `${run}-${suffix}.json`)).events[0];
        expect(started?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
      }
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
