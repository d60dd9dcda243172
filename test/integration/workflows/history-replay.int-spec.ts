import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { readHistory } from '../../helpers/history-files';
import { testTemporal } from '../../helpers/test-env';

const { EventType } = temporal.api.enums.v1;
const directory = resolve(__dirname, '..', '..', 'histories');
const files = readdirSync(directory).filter((file) => file.endsWith('.json'));

/**
 * Histories recorded from real runs (test/helpers/record-histories.ts) must replay against the current
 * workflow code: a change that would make a running programme, batch or town non-deterministic fails
 * here, before it reaches a worker. Replay needs no server, only the bundled code.
 */
describe('recorded workflow histories replay against the current code', () => {
  const options = { workflowBundle: { codePath: testTemporal().workflowBundlePath } };

  it('has histories of every workflow, whole lives and continued runs', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'programme.json',
        'programme-continued-as-new.json',
        'batch-2017.json',
        'town-accepted.json',
        'town-continued-as-new.json',
        'town-exited.json',
        'town-late-plan.json',
        'town-not-listed.json',
      ]),
    );
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
