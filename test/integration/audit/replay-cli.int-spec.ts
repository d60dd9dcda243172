/** `npm run audit -- replay` end to end: the CLI in its own process, against the run's dev server. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplayReport } from '../../../audit/replay/temporal-replay';
import { freePort } from '../../../infra/temporal/port-utils';
import {
  divergingTown,
  quietPolicy,
  townThatContinues,
  type RunsSeen,
} from '../../fixtures/replay/replay-world';
import { startDevServerWorker, type DevServerWorker } from '../../helpers/dev-server-worker';
import { testTemporal } from '../../helpers/test-env';
import { runAuditCli, type ToolRun } from '../../helpers/tool-process';

jest.setTimeout(180_000);

describe('npm run audit -- replay', () => {
  let directory: string;
  let system: DevServerWorker;
  let town: RunsSeen;
  let diverging: RunsSeen & { taskQueue: string };

  function audit(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<ToolRun> {
    const { address, namespace } = testTemporal();
    return runAuditCli(args, {
      ...process.env,
      DATA_DIR: directory,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      ...extraEnv,
    });
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'audit-replay-cli-'));
    system = await startDevServerWorker('replay-cli');
    const policy = quietPolicy();
    town = await townThatContinues(system, policy);
    diverging = await divergingTown(system.client, policy);
  });

  afterAll(async () => {
    await system.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('exits 0 and reports every run as JSON when each replays, writing the histories where asked', async () => {
    const exportDir = join(directory, 'histories');
    const run = await audit(['replay', '--workflow', town.workflowId, '--export', exportDir, '--json']);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as ReplayReport;
    expect(report).toMatchObject({
      ok: true,
      namespace: testTemporal().namespace,
      workflowIds: [town.workflowId],
      exportDir,
      summary: { workflows: 1, nondeterministic: 0, failed: 0 },
    });
    expect(report.summary.runs).toBeGreaterThan(1);
    expect(report.summary.replayed).toBe(report.summary.runs);
    expect(report.runs.map((r) => r.runId)).toEqual(
      expect.arrayContaining([town.firstRunId, town.latestRunId]),
    );
    expect(readdirSync(join(exportDir, town.workflowId))).toHaveLength(report.summary.runs);
  });

  it('exits 1 and names the non-deterministic run, in words and in JSON', async () => {
    const query = `TaskQueue = '${system.taskQueue}' OR TaskQueue = '${diverging.taskQueue}'`;
    const words = await audit(['replay', '--workflow', town.workflowId, '--workflow', diverging.workflowId]);
    const json = await audit(['replay', '--query', query, '--json']);

    expect(words.code).toBe(1);
    expect(words.stdout).toContain('FAILED: the current code does not reproduce every recorded run.');
    expect(words.stdout).toContain(
      `NON-DETERMINISTIC 不确定  ${diverging.workflowId}  run ${diverging.latestRunId}`,
    );
    expect(words.stdout).toMatch(/non-deterministic 1, failed 0/);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as ReplayReport;
    expect(report).toMatchObject({ ok: false, query, summary: { nondeterministic: 1, failed: 0 } });
    expect(report.runs.filter((r) => r.outcome !== 'replayed')).toEqual([
      expect.objectContaining({ workflowId: diverging.workflowId, outcome: 'nondeterministic' }),
    ]);
  });

  it('exits 1 with a stable code when Temporal cannot be reached, or has no such workflow', async () => {
    const unreachable = await audit(['replay', '--json'], {
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    });
    const unknown = await audit(['replay', '--workflow', 'town-nobody', '--export', join(directory, 'none')]);

    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr).toMatch(/^\[TEMPORAL_UNAVAILABLE\] Temporal is not reachable/);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[WORKFLOW_NOT_FOUND]');
    expect(existsSync(join(directory, 'none'))).toBe(false);
  });

  it('exits 2 with the usage for a command line it cannot run', async () => {
    const run = await audit(['replay', '--workflow', town.workflowId, '--query', 'x']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[OPTIONS_CONFLICT] replay takes --workflow or --query, not both');
    expect(run.stderr).toContain('Usage: npm run audit');
  });
});
