import { summaryOf } from '../../../activities/audit-jobs.activities';
import { jobDirectory, jobFilePath } from '../../../activities/audit-jobs.files';
import { type ProgressChannel, ProgressReporter } from '../../../activities/audit-jobs.progress';
import type { AuditJobProgress } from '../../../activities/audit-jobs.types';
import {
  auditTaskQueueOf,
  loadAuditJobScheduling,
  loadAuditJobsConfig,
} from '../../../infra/audit/audit-jobs-config';
import { laterProgress } from '../../../workflows/audit/audit-job.progress';

const progress = (attempt: number, done: number): AuditJobProgress => ({
  attempt,
  done,
  total: 100,
  unit: 'events',
});

describe('a job’s progress as its workflow shows it', () => {
  it('takes the first report, and later counts of the same attempt', () => {
    expect(laterProgress(null, progress(1, 0))).toEqual(progress(1, 0));
    expect(laterProgress(progress(1, 10), progress(1, 20))).toEqual(progress(1, 20));
  });

  it('never moves back for a report that arrives late', () => {
    expect(laterProgress(progress(1, 20), progress(1, 10))).toEqual(progress(1, 20));
    expect(laterProgress(progress(2, 5), progress(1, 90))).toEqual(progress(2, 5));
  });

  it('starts again with a retried attempt', () => {
    expect(laterProgress(progress(1, 90), progress(2, 0))).toEqual(progress(2, 0));
  });
});

describe('the activity’s progress reports', () => {
  function channel(clock: { now: number }) {
    const heartbeats: AuditJobProgress[] = [];
    const published: AuditJobProgress[] = [];
    const warnings: string[] = [];
    const ch: ProgressChannel = {
      heartbeat: (p) => heartbeats.push(p),
      publish: (p) => {
        published.push(p);
        return p.done === 13 ? Promise.reject(new Error('workflow gone')) : Promise.resolve();
      },
      warn: (message) => warnings.push(message),
      now: () => clock.now,
    };
    return { ch, heartbeats, published, warnings };
  }

  it('heartbeats every update but tells the workflow at most once a second, and the last count at the end', async () => {
    const clock = { now: 0 };
    const { ch, heartbeats, published } = channel(clock);
    const reporter = new ProgressReporter(ch, 1, 'events');
    reporter.update(10, 100);
    clock.now = 500;
    reporter.update(20, 100);
    clock.now = 1_000;
    reporter.update(30, 100);
    reporter.update(40, null);
    await reporter.finish();
    expect(heartbeats.map((p) => p.done)).toEqual([10, 20, 30, 40]);
    expect(published.map((p) => p.done)).toEqual([0, 30, 40]);
    expect(published.at(-1)).toEqual({ attempt: 1, done: 40, total: null, unit: 'events' });
  });

  it('keeps going when the workflow cannot be told', async () => {
    const clock = { now: 0 };
    const { ch, published, warnings } = channel(clock);
    const reporter = new ProgressReporter(ch, 2, 'runs');
    clock.now = 2_000;
    reporter.update(13, 20);
    clock.now = 4_000;
    reporter.update(20, 20);
    await reporter.finish();
    expect(published.map((p) => p.done)).toEqual([0, 13, 20]);
    expect(warnings).toEqual(['Progress not delivered: workflow gone']);
  });
});

describe('a job’s summary', () => {
  it("keeps the report's small top-level fields and leaves lists and large values to the file", () => {
    const report = {
      ok: false,
      findingCount: 2,
      lastVerifiedCheckpoint: { sequence: 3, upToPosition: '90' },
      findings: [{ code: 'BROKEN_LINK' }],
      large: { text: 'x'.repeat(2_000) },
    };
    expect(summaryOf(report)).toEqual({
      ok: false,
      findingCount: 2,
      lastVerifiedCheckpoint: { sequence: 3, upToPosition: '90' },
    });
    expect(summaryOf(['not', 'a', 'report'])).toEqual({});
  });
});

describe('a job’s files', () => {
  it('live in a directory named by the job’s UUID, and no name leaves it', () => {
    const directory = jobDirectory('/jobs', '0f8b6a9e-3a52-4d0c-9a57-2f0e6c1d7b11');
    expect(directory).toBe('/jobs/0f8b6a9e-3a52-4d0c-9a57-2f0e6c1d7b11');
    expect(() => jobDirectory('/jobs', '../etc')).toThrow('Not a job id');
    expect(jobFilePath(directory, 'keys/k.public.pem')).toBe(`${directory}/keys/k.public.pem`);
    expect(jobFilePath(directory, '../other/report.json')).toBeUndefined();
    expect(jobFilePath(directory, '/etc/passwd')).toBeUndefined();
  });
});

describe('the audit jobs’ settings', () => {
  it('default under DATA_DIR and never carry the checkpointer’s key', () => {
    const config = loadAuditJobsConfig({
      DATA_DIR: '/srv/towns',
      AUDIT_SIGNING_KEY_FILE: '/secrets/checkpointer.private.pem',
    });
    expect(config).toEqual({
      jobsDir: '/srv/towns/audit-jobs',
      checkpointDir: '/srv/towns/checkpoints',
      checkpointSinks: ['file', 'temporal'],
      publicKeysDir: '/srv/towns/audit-keys',
      exportKeyFile: undefined,
    });
    expect(JSON.stringify(config)).not.toContain('checkpointer.private.pem');
    expect(
      loadAuditJobsConfig({ AUDIT_JOBS_DIR: '/shared/jobs', AUDIT_EXPORT_KEY_FILE: '/secrets/export.pem' }),
    ).toMatchObject({ jobsDir: '/shared/jobs', exportKeyFile: '/secrets/export.pem' });
  });
});

describe('how audit jobs are scheduled', () => {
  it('default to a queue beside the officials’, two slots, caps of 2 and 4, and a week of files', () => {
    const scheduling = loadAuditJobScheduling({});
    expect(scheduling).toEqual({
      taskQueue: undefined,
      workerConcurrency: 2,
      maxRunningPerAuditor: 2,
      maxRunning: 4,
      filesRetentionHours: 168,
    });
    expect(auditTaskQueueOf('towns', scheduling)).toBe('towns-audit');
    expect(auditTaskQueueOf('towns', loadAuditJobScheduling({ AUDIT_TASK_QUEUE: 'audits' }))).toBe('audits');
  });

  it.each([
    ['AUDIT_JOBS_PER_AUDITOR', '0'],
    ['AUDIT_JOBS_MAX_RUNNING', 'many'],
    ['AUDIT_WORKER_CONCURRENCY', '1.5'],
    ['AUDIT_JOB_RETENTION_HOURS', '-1'],
  ])('refuse %s=%s, naming it', (name, value) => {
    expect(() => loadAuditJobScheduling({ [name]: value })).toThrow(name);
  });
});
