/**
 * The periodic checkpointer over a real store and a real ledger, its clock driven by the test; then the
 * command-line tools and `npm run checkpointer` as processes of their own, with the ledger configured.
 */
import { once } from 'node:events';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { programmeLedger } from '../../../apps/checkpointer/checkpoint-sinks';
import { startCheckpointer } from '../../../apps/checkpointer/run-checkpointer';
import type { RoundResult } from '../../../apps/checkpointer/periodic-checkpointer';
import type { AuditConfig } from '../../../infra/audit/audit-config';
import { generateSigningKey, loadTrustedKeys } from '../../../infra/audit/keys';
import { readCheckpointRecords, verifyLogAgainstRecords } from '../../../audit/verify/verify';
import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import { testTemporal } from '../../helpers/test-env';
import { runTool, spawnTool, type ToolRun } from '../../helpers/tool-process';
import { appendMore, drivenClock, type LedgerWorld, openLedgerWorld, reported } from './ledger-fixtures';
import { rewriteWithHashesRecomputed } from './forge-log';
import { appendProgrammeLog, positionOf } from './programme-log';

jest.setTimeout(120_000);

describe('the periodic checkpointer', () => {
  let world: LedgerWorld;

  beforeAll(async () => {
    world = await openLedgerWorld('ledger-checkpointer');
  });
  afterAll(async () => {
    await world.close();
  });

  it('makes one checkpoint per interval when there are new events, and none otherwise', async () => {
    const keys = join(world.directory, 'periodic-keys');
    const first = generateSigningKey(keys);
    // The key to rotate to is trusted before the ledger starts, so the ledger pins it too (decision 0073).
    const second = generateSigningKey(keys);
    const signingKeyFile = join(world.directory, 'signing.pem');
    copyFileSync(first.privateKeyFile, signingKeyFile);
    const { file, ledger, programmeId } = world.sinksFor();
    const audit: AuditConfig = {
      checkpointDir: file.directory,
      signingKeyFile,
      publicKeysDir: keys,
      checkpointSinks: ['file', 'temporal'],
      checkpointEveryMs: 15 * 60_000,
    };
    const clock = drivenClock('2024-05-01T00:00:00.000Z');
    const rounds = reported<RoundResult>();
    const lines: string[] = [];
    const made = async () => {
      const result = await rounds.next();
      if (!result.ok) throw result.error;
      return result.outcome;
    };

    const checkpointer = await startCheckpointer({
      store: world.store,
      audit,
      ledger: { client: world.system.client, taskQueue: world.system.taskQueue, programmeId },
      now: clock.now,
      sleep: clock.sleep,
      log: (line) => lines.push(line),
      onRound: rounds.report,
    });
    expect(checkpointer).toMatchObject({ keyId: first.keyId, every: '15 min' });

    // At start: the log holds events nobody sealed yet.
    expect(await made()).toMatchObject({
      made: true,
      checkpoint: { sequence: 1, createdAt: '2024-05-01T00:00:00.000Z', keyId: first.keyId },
    });
    clock.advance();
    expect(await made()).toMatchObject({ made: false, latest: { sequence: 1 } });

    await appendMore(world.store, 3);
    clock.advance();
    expect(await made()).toMatchObject({
      made: true,
      checkpoint: { sequence: 2, createdAt: '2024-05-01T00:30:00.000Z' },
    });
    clock.advance();
    expect(await made()).toMatchObject({ made: false, latest: { sequence: 2 } });

    // Rotation: the key file now holds the new key; the old public key stays trusted.
    copyFileSync(second.privateKeyFile, signingKeyFile);
    await appendMore(world.store, 1);
    clock.advance();
    expect(await made()).toMatchObject({ made: true, checkpoint: { sequence: 3, keyId: second.keyId } });

    await checkpointer.stop();

    const inFile = await file.readAll();
    expect(inFile.map((checkpoint) => checkpoint.sequence)).toEqual([1, 2, 3]);
    expect(await ledger.readAll()).toEqual(inFile);
    expect(lines).toEqual([
      expect.stringContaining('Checkpoint 1:'),
      expect.stringContaining('Nothing new since checkpoint 1'),
      expect.stringContaining('Checkpoint 2:'),
      expect.stringContaining('Nothing new since checkpoint 2'),
      expect.stringContaining('Checkpoint 3:'),
    ]);
    const report = await verifyLogAgainstRecords({
      log: world.store.chained,
      records: await readCheckpointRecords([file, ledger]),
      trustedKeys: loadTrustedKeys(keys),
    });
    expect(report).toMatchObject({ ok: true, checkpointsVerified: 3, entriesAfterLastCheckpoint: 0 });
  });
});

describe('the tools with the ledger configured', () => {
  let world: LedgerWorld;
  let env: NodeJS.ProcessEnv;
  let checkpointFile: string;

  const run = (script: string, args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<ToolRun> =>
    runTool(script, args, { ...env, ...extra });

  beforeAll(async () => {
    world = await openLedgerWorld('ledger-tools');
    const temporal = testTemporal();
    const directory = join(world.directory, 'system');
    mkdirSync(directory);
    const store = await openPgliteEventStore({ dataDir: join(directory, 'store') });
    try {
      await appendProgrammeLog(store);
    } finally {
      await store.close();
    }
    const key = generateSigningKey(join(directory, 'keys'));
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    env = {
      ...rest,
      DATA_DIR: directory,
      EVENT_STORE: 'pglite',
      EVENT_STORE_DIR: join(directory, 'store'),
      AUDIT_CHECKPOINT_DIR: join(directory, 'checkpoints'),
      AUDIT_PUBLIC_KEYS_DIR: join(directory, 'keys'),
      AUDIT_SIGNING_KEY_FILE: key.privateKeyFile,
      AUDIT_CHECKPOINT_EVERY: '1h',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: world.system.taskQueue,
      POLICY_CALENDAR: 'as-written',
    };
    checkpointFile = join(directory, 'checkpoints', 'checkpoints.jsonl');
  });
  afterAll(async () => {
    await world.close();
  });

  it('checkpoint writes to the file and the ledger by default, and verify compares them', async () => {
    const made = await run('apps/audit/cli.ts', ['checkpoint', '--json']);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({
      made: true,
      checkpoint: { sequence: 1 },
      sinks: [checkpointFile, 'the history of workflow checkpoint-ledger-pingxiang-2017'],
    });

    const agreed = await run('apps/audit/cli.ts', ['verify']);
    expect(agreed.code).toBe(0);
    expect(agreed.stdout).toContain('OK: the log is what was recorded.');
    expect(agreed.stdout).toMatch(
      /Checkpoint records: .*checkpoints\.jsonl \(1\), .*checkpoint-ledger-pingxiang-2017 \(1\)/,
    );

    const sealed = readFileSync(checkpointFile, 'utf8');
    writeFileSync(checkpointFile, '');
    const disagreed = await run('apps/audit/cli.ts', ['verify']);
    expect(disagreed.code).toBe(1);
    expect(disagreed.stdout).toContain('FAILED: the checkpoint records disagree (2):');
    expect(disagreed.stdout).toContain(`CHECKPOINT_RECORD_EMPTY in ${checkpointFile}`);
    expect(disagreed.stdout).toContain('CHECKPOINT_MISSING_FROM_RECORD at checkpoint 1');

    const json = await run('apps/audit/cli.ts', ['verify', '--json']);
    const expected = {
      ok: false,
      findings: [],
      disagreements: [
        { code: 'CHECKPOINT_RECORD_EMPTY', checkpoint: null, record: checkpointFile },
        { code: 'CHECKPOINT_MISSING_FROM_RECORD', checkpoint: 1, record: checkpointFile },
      ],
    };
    expect(JSON.parse(json.stdout)).toMatchObject(expected);

    // Without TEMPORAL_ADDRESS the ledger is still read: on the dev server of `npm start`, as replay
    // finds it (here the test's server, on its port).
    const port = env.TEMPORAL_ADDRESS!.split(':').at(-1)!;
    const local = await run('apps/audit/cli.ts', ['verify', '--json'], {
      TEMPORAL_ADDRESS: '',
      TEMPORAL_PORT: port,
    });
    expect(local.code).toBe(1);
    expect(JSON.parse(local.stdout)).toMatchObject(expected);

    // A configured record that cannot be reached is not left out: verification says it is incomplete.
    const unreachable = await run('apps/audit/cli.ts', ['verify', '--json'], {
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    });
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.stdout)).toMatchObject({
      ok: false,
      disagreements: expect.arrayContaining([
        expect.objectContaining({ code: 'CHECKPOINT_RECORD_UNREADABLE', record: 'the checkpoint ledger' }),
      ]) as unknown,
    });
    writeFileSync(checkpointFile, sealed);

    // The worker's verify jobs read the same ledger, by the programme's id.
    const ledger = await programmeLedger(world.system.client, world.system.taskQueue, () =>
      Promise.resolve('pingxiang-2017'),
    );
    expect(ledger.description).toBe('the history of workflow checkpoint-ledger-pingxiang-2017');
    expect(await ledger.readAll()).toHaveLength(1);
  });

  it('npm run checkpointer seals what is new at start into both records, and stops on SIGTERM', async () => {
    const store = await openPgliteEventStore({ dataDir: env.EVENT_STORE_DIR! });
    try {
      await appendMore(store, 2);
    } finally {
      await store.close();
    }
    const child = spawnTool('apps/checkpointer/main.ts', [], env);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstRound = new Promise<void>((resolveRound) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/Checkpoint \d+:|Nothing new|Checkpoint failed/.test(stdout)) resolveRound();
      });
    });
    const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
    await Promise.race([firstRound, closed]);
    child.kill('SIGTERM');
    const [code] = await closed;

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Checkpointer: every 1 h');
    expect(stdout).toMatch(/Checkpoint 2: \d+ events up to position \d+/);
    expect(stdout).toContain('SIGTERM: stopping');
    expect(readFileSync(checkpointFile, 'utf8').trim().split('\n')).toHaveLength(2);
    const verified = await run('apps/audit/cli.ts', ['verify', '--json']);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      ok: true,
      checkpointsVerified: 2,
      records: [{ checkpoints: 2 }, { checkpoints: 2 }],
    });
  });

  it('pin-key pins the next key on the running ledger, endorsed by the current one; it then signs', async () => {
    const next = generateSigningKey(join(world.directory, 'next-key'));
    const pinned = await run('apps/audit/cli.ts', ['pin-key', '--public-key', next.publicKeyFile]);
    expect({ code: pinned.code, stderr: pinned.stderr }).toEqual({ code: 0, stderr: '' });
    expect(pinned.stdout).toContain(`Key ${next.keyId} pinned on the checkpoint ledger of pingxiang-2017`);

    const store = await openPgliteEventStore({ dataDir: env.EVENT_STORE_DIR! });
    try {
      await appendMore(store, 1);
    } finally {
      await store.close();
    }
    copyFileSync(next.publicKeyFile, join(env.AUDIT_PUBLIC_KEYS_DIR!, basename(next.publicKeyFile)));
    env = { ...env, AUDIT_SIGNING_KEY_FILE: next.privateKeyFile };
    const made = await run('apps/audit/cli.ts', ['checkpoint', '--json']);
    expect({ code: made.code, stderr: made.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(made.stdout)).toMatchObject({ made: true, checkpoint: { keyId: next.keyId } });
  });

  it('verify names the event rewritten with every hash recomputed, the checkpoint file emptied', async () => {
    const store = await openPgliteEventStore({ dataDir: env.EVENT_STORE_DIR! });
    let target: { position: bigint; stream: string; version: number; id: string };
    try {
      const position = await positionOf(store, 'town-luxi', 'RewardPaid');
      const [event] = await store.chained.readAll({ after: position - 1n, maxCount: 1 });
      target = { position, stream: event!.stream, version: event!.streamVersion, id: event!.id };
      await rewriteWithHashesRecomputed(store, position, {
        ...(event!.data as object),
        paymentRef: 'PAY-ELSEWHERE',
      });
    } finally {
      await store.close();
    }
    writeFileSync(checkpointFile, '');

    const json = await run('apps/audit/cli.ts', ['verify', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: { code: string }[] };
    expect(report.findings[0]).toEqual(
      expect.objectContaining({
        code: 'EVENT_NOT_AS_SEALED',
        position: target.position.toString(),
        stream: target.stream,
        streamVersion: target.version,
        eventId: target.id,
      }),
    );
    // The stored hashes all agree with each other: nothing but the sealed prefixes names the event.
    expect(report.findings.map((finding) => finding.code)).not.toContain('CONTENT_MISMATCH');
    expect(report.findings.map((finding) => finding.code)).not.toContain('BROKEN_LINK');

    const text = await run('apps/audit/cli.ts', ['verify']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`EVENT_NOT_AS_SEALED at position ${target.position}`);
  });
});
