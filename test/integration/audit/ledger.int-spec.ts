/**
 * The checkpoint ledger on the run's real dev server: checkpoints go to the file and to the ledger's
 * history, the ledger refuses what does not extend its last, its history is read back across
 * continue-as-new, and verification compares the two records.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { checkpointLedgerAddress, pinOf } from '../../../apps/checkpointer/checkpoint-sinks';
import { keyPinRequest, pinKeyOnLedger } from '../../../apps/checkpointer/key-pinning';
import { type Checkpoint, checkpointDigest, checkpointSigningText } from '../../../infra/audit/checkpoint';
import { type SigningKey, signText } from '../../../infra/audit/keys';
import { makeCheckpoint } from '../../../audit/checkpoints/checkpointer';
import { type CheckpointSink, teeCheckpointSinks } from '../../../infra/audit/checkpoint-sink';
import { freePort } from '../../../infra/temporal/port-utils';
import { LedgerRefusedError, TemporalCheckpointSink } from '../../../infra/audit/temporal-checkpoint-sink';
import { readCheckpointRecords, verifyLog, verifyLogAgainstRecords } from '../../../audit/verify/verify';
import {
  type LedgerView,
  ledgerViewQuery,
  recordCheckpointUpdate,
} from '../../../workflows/audit/checkpoint-ledger.messages';
import { checkpointLedgerWorkflow } from '../../../workflows/audit/checkpoint-ledger.workflow';
import { buildLog, checkpointsOf, roundRobin, testSigningKey } from '../../unit/audit/chained-log';
import { appendMore, deleteLastEvents, type LedgerWorld, openLedgerWorld } from './ledger-fixtures';

jest.setTimeout(120_000);

const key = testSigningKey();
const trustedKeys = new Map([[key.keyId, key.publicKey]]);

describe('the checkpoint ledger', () => {
  let world: LedgerWorld;

  beforeAll(async () => {
    world = await openLedgerWorld('ledger');
  });
  afterAll(async () => {
    await world.close();
  });

  const checkpoint = (sink: CheckpointSink) =>
    makeCheckpoint({ log: world.store.chained, sink, key, now: () => new Date() });

  const view = (workflowId: string): Promise<LedgerView> =>
    world.system.client.workflow.getHandle(workflowId).query(ledgerViewQuery);

  it('receives every checkpoint the file receives, the first one starting it', async () => {
    const { file, ledger, tee, ledgerWorkflowId } = world.sinksFor();
    expect(await ledger.readAll()).toEqual([]);

    const first = await checkpoint(tee);
    await appendMore(world.store, 3);
    const second = await checkpoint(tee);
    const nothingNew = await checkpoint(tee);

    expect(first.made && second.made).toBe(true);
    expect(nothingNew.made).toBe(false);
    const inFile = await file.readAll();
    expect(inFile.map((item) => item.sequence)).toEqual([1, 2]);
    expect(await ledger.readAll()).toEqual(inFile);
    expect(await view(ledgerWorkflowId)).toMatchObject({ recorded: 2, latest: inFile[1] });
  });

  it('keeps both records as they were when a round cannot reach the ledger, and they still verify', async () => {
    const { file, ledger, tee, programmeId } = world.sinksFor();
    await checkpoint(tee);
    await appendMore(world.store, 3);
    const fileBefore = readFileSync(file.file, 'utf8');
    const ledgerBefore = await ledger.readAll();

    // The same ledger through a client that reaches no server, as with `npm start` stopped (and that
    // does not retry, to fail at once).
    const nowhere = Connection.lazy({
      address: `127.0.0.1:${await freePort()}`,
      connectTimeout: '1s',
      interceptors: [],
    });
    const unreachable = new TemporalCheckpointSink({
      client: new Client({ connection: nowhere, namespace: world.system.client.options.namespace }),
      ledger: checkpointLedgerAddress(programmeId, world.system.taskQueue),
    });
    try {
      await expect(checkpoint(teeCheckpointSinks(file, unreachable))).rejects.toMatchObject({
        code: 14, // gRPC UNAVAILABLE
      });
    } finally {
      await nowhere.close();
    }

    expect(readFileSync(file.file, 'utf8')).toBe(fileBefore);
    expect(await ledger.readAll()).toEqual(ledgerBefore);
    const report = await verifyLogAgainstRecords({
      log: world.store.chained,
      records: await readCheckpointRecords([file, ledger]),
      trustedKeys,
    });
    expect(report).toMatchObject({ ok: true, disagreements: [], findings: [], checkpointsVerified: 1 });
    // With the ledger in reach again, the next round seals what was new into both.
    await expect(checkpoint(tee)).resolves.toMatchObject({ made: true, checkpoint: { sequence: 2 } });
    expect(await ledger.readAll()).toEqual(await file.readAll());
  });

  it('records, in order, the several checkpoints one round makes when more is new than one may seal', async () => {
    const { file, ledger, tee } = world.sinksFor();
    const made = await makeCheckpoint({
      log: world.store.chained,
      sink: tee,
      key,
      now: () => new Date(),
      maxEventsPerCheckpoint: 4,
    });
    if (!made.made) throw new Error('no checkpoint made');

    const count = made.checkpoint.count;
    expect(made.checkpoints).toHaveLength(Math.ceil(count / 4));
    for (const [index, sealed] of made.checkpoints.entries()) {
      expect(sealed.sequence).toBe(index + 1);
      expect(sealed.logHashPrefixes).toHaveLength(16 * Math.min(4, count - 4 * index));
    }
    expect(await ledger.readAll()).toEqual(await file.readAll());
    const report = await verifyLogAgainstRecords({
      log: world.store.chained,
      records: await readCheckpointRecords([file, ledger]),
      trustedKeys,
    });
    expect(report).toMatchObject({ ok: true, checkpointsVerified: made.checkpoints.length });
  });

  it('refuses a checkpoint that does not extend its last, and records nothing of it', async () => {
    const { ledger, tee, ledgerWorkflowId } = world.sinksFor();
    const made = await checkpoint(tee);
    if (!made.made) throw new Error('no checkpoint made');
    const historyBefore = (await world.system.client.workflow.getHandle(ledgerWorkflowId).fetchHistory())
      .events?.length;

    // The same checkpoint sent again (a retry after a lost answer) is the same Update: recorded once.
    await ledger.append(made.checkpoint);
    // A second checkpointer's checkpoint 1 forks the chain.
    const fork = ledger.append({ ...made.checkpoint, createdAt: '2030-01-01T00:00:00.000Z' });
    await expect(fork).rejects.toBeInstanceOf(LedgerRefusedError);
    await expect(fork).rejects.toMatchObject({
      code: 'CHECKPOINT_REFUSED',
      refusal: 'CHECKPOINT_CHAIN_BROKEN',
    });

    // Extends the last by its digest, but seals nothing after it.
    const notAfter = {
      ...made.checkpoint,
      sequence: 2,
      previousCheckpointDigest: checkpointDigest(made.checkpoint),
    };
    const refused = await world.system.client.workflow
      .getHandle(ledgerWorkflowId)
      .executeUpdate(recordCheckpointUpdate, { args: [notAfter] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refused as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'CHECKPOINT_POSITION_NOT_AFTER', nonRetryable: true });

    expect(await ledger.readAll()).toEqual([made.checkpoint]);
    expect(await view(ledgerWorkflowId)).toMatchObject({ recorded: 1 });
    // A validator's refusal leaves no trace in the history at all.
    const historyAfter = (await world.system.client.workflow.getHandle(ledgerWorkflowId).fetchHistory())
      .events?.length;
    expect(historyAfter).toBe(historyBefore);
  });

  it('accepts only checkpoints signed by a key pinned in its input, refused by its validator', async () => {
    const { ledger, ledgerWorkflowId } = world.sinksFor(undefined, [key]);
    const other = testSigningKey();
    const byOther = await makeCheckpoint({ log: world.store.chained, sink: memory(), key: other, now });
    if (!byOther.made) throw new Error('no checkpoint made');
    // The first checkpoint starts the ledger with its pins; one signed by another key is refused.
    await expect(ledger.append(byOther.checkpoint)).rejects.toMatchObject({
      refusal: 'CHECKPOINT_KEY_NOT_PINNED',
    });
    const byKey = await makeCheckpoint({ log: world.store.chained, sink: memory(), key, now });
    if (!byKey.made) throw new Error('no checkpoint made');
    // The pinned key's id with a signature it did not make is refused too.
    await expect(
      ledger.append({ ...byKey.checkpoint, signature: byOther.checkpoint.signature }),
    ).rejects.toMatchObject({ refusal: 'CHECKPOINT_SIGNATURE_INVALID' });
    await ledger.append(byKey.checkpoint);

    expect(await ledger.readAll()).toEqual([byKey.checkpoint]);
    expect(await view(ledgerWorkflowId)).toMatchObject({ recorded: 1 });
  });

  it('reads every checkpoint back from the history of all its runs after continue-as-new', async () => {
    const { ledger, ledgerWorkflowId, programmeId } = world.sinksFor();
    const handle = await world.system.client.workflow.start(checkpointLedgerWorkflow, {
      workflowId: ledgerWorkflowId,
      taskQueue: world.system.taskQueue,
      args: [{ programmeId, limits: { historyLength: 12 } }],
    });
    const firstRun = handle.firstExecutionRunId;
    const checkpoints = checkpointsOf(buildLog(roundRobin(16, 3)), [2, 4, 6, 8, 10, 12, 14, 16], key);

    for (const item of checkpoints) await ledger.append(item);

    const { runId } = await world.system.client.workflow.getHandle(ledgerWorkflowId).describe();
    expect(runId).not.toBe(firstRun);
    const current = await view(ledgerWorkflowId);
    expect(current.recorded).toBe(checkpoints.length);
    expect(current.latest).toEqual(checkpoints.at(-1));
    expect(current.recordedThisRun.length).toBeLessThan(checkpoints.length);
    expect(await ledger.readAll()).toEqual(checkpoints);

    // The next run still validates: it carried the last checkpoint over.
    await expect(ledger.append(checkpoints[3]!)).rejects.toMatchObject({
      refusal: 'CHECKPOINT_CHAIN_BROKEN',
    });
  });

  it('pins a key on the running ledger only when a pinned key endorses it, and keeps it when it continues', async () => {
    const next = testSigningKey();
    const stranger = testSigningKey();
    const { programmeId, ledgerWorkflowId } = world.sinksFor(undefined, [key]);
    const address = checkpointLedgerAddress(programmeId, world.system.taskQueue, [
      pinOf(key.keyId, key.publicKey),
    ]);
    const ledger = new TemporalCheckpointSink({ client: world.system.client, ledger: address });
    // A short history, so that the pins must survive continue-as-new to be checked at the end.
    await world.system.client.workflow.start(checkpointLedgerWorkflow, {
      workflowId: ledgerWorkflowId,
      taskQueue: world.system.taskQueue,
      args: [{ programmeId, pinnedKeys: [pinOf(key.keyId, key.publicKey)], limits: { historyLength: 12 } }],
    });
    const log = buildLog(roundRobin(8, 2));
    const [first, ...rest] = checkpointsOf(log, [2, 4, 6, 8], key);
    await ledger.append(first!);
    // Signed by the next key before it is pinned: refused.
    const bySecond = (checkpoint: Checkpoint): Checkpoint =>
      resign(checkpoint, next, checkpointDigest(first!));
    await expect(ledger.append(bySecond(rest[0]!))).rejects.toMatchObject({
      refusal: 'CHECKPOINT_KEY_NOT_PINNED',
    });

    const client = world.system.client;
    const refusals = [
      // The new key endorsing itself, and a key the ledger never pinned endorsing it.
      [keyPinRequest(programmeId, next, next), 'KEY_PIN_ENDORSER_NOT_PINNED'],
      [keyPinRequest(programmeId, next, stranger), 'KEY_PIN_ENDORSER_NOT_PINNED'],
      // A pinned key's endorsement made for another programme's ledger.
      [keyPinRequest('another-programme', next, key), 'KEY_PIN_ENDORSEMENT_INVALID'],
      [
        { ...keyPinRequest(programmeId, next, key), key: pinOf(key.keyId, next.publicKey) },
        'KEY_PIN_MALFORMED',
      ],
    ] as const;
    const historyBefore = (await client.workflow.getHandle(ledgerWorkflowId).fetchHistory()).events?.length;
    for (const [request, code] of refusals) {
      await expect(pinKeyOnLedger(client, programmeId, request)).rejects.toMatchObject({ refusal: code });
    }
    // Refused by the validator: nothing of them is in the history.
    expect((await client.workflow.getHandle(ledgerWorkflowId).fetchHistory()).events?.length).toBe(
      historyBefore,
    );

    const answer = await pinKeyOnLedger(client, programmeId, keyPinRequest(programmeId, next, key));
    expect([...answer.pinnedKeyIds].sort()).toEqual([key.keyId, next.keyId].sort());
    // Sent again (a retry): the same answer, nothing new pinned.
    await expect(pinKeyOnLedger(client, programmeId, keyPinRequest(programmeId, next, key))).resolves.toEqual(
      answer,
    );

    // The next key now signs the rest of the chain, across continue-as-new.
    const { runId: before } = await client.workflow.getHandle(ledgerWorkflowId).describe();
    let previous = first!;
    for (const checkpoint of rest) {
      previous = resign(checkpoint, next, checkpointDigest(previous));
      await ledger.append(previous);
    }
    const { runId: after } = await client.workflow.getHandle(ledgerWorkflowId).describe();
    expect(after).not.toBe(before);
    expect(await view(ledgerWorkflowId)).toMatchObject({
      recorded: 4,
      pinnedKeyIds: [key.keyId, next.keyId],
    });
    const stillPinnedOnly = resign(
      checkpointsOf(buildLog(roundRobin(10, 2)), [2, 4, 6, 8, 10], key)[4]!,
      stranger,
      checkpointDigest(previous),
    );
    await expect(ledger.append(stillPinnedOnly)).rejects.toMatchObject({
      refusal: 'CHECKPOINT_KEY_NOT_PINNED',
    });
  });

  describe('verification against both records', () => {
    async function sealedTwice() {
      const sinks = world.sinksFor();
      await appendMore(world.store, 2);
      await checkpoint(sinks.tee);
      await appendMore(world.store, 2);
      await checkpoint(sinks.tee);
      const verify = async () =>
        verifyLogAgainstRecords({
          log: world.store.chained,
          records: await readCheckpointRecords([sinks.file, sinks.ledger]),
          trustedKeys,
        });
      return { ...sinks, verify };
    }

    it('agrees when the file and the ledger hold the same checkpoints', async () => {
      const { verify, file, ledger } = await sealedTwice();
      const report = await verify();
      expect(report).toMatchObject({ ok: true, disagreements: [], findings: [] });
      expect(report.records).toEqual([
        { description: file.description, checkpoints: 2 },
        { description: ledger.description, checkpoints: 2 },
      ]);
    });

    it('reports a line removed from the file as missing from it, and checks the log against the ledger', async () => {
      const { verify, file, ledger } = await sealedTwice();
      const lines = readFileSync(file.file, 'utf8').trimEnd().split('\n');
      writeFileSync(file.file, `${lines.slice(0, -1).join('\n')}\n`);

      const report = await verify();

      expect(report.ok).toBe(false);
      expect(report.findings).toEqual([]);
      expect(report.verifiedAgainst).toBe(ledger.description);
      expect(report.disagreements).toEqual([
        expect.objectContaining({
          code: 'CHECKPOINT_MISSING_FROM_RECORD',
          checkpoint: 2,
          heldBy: ledger.description,
          record: file.description,
        }),
      ]);
    });

    it('reports a rewritten line as differing from the ledger, and its signature as broken', async () => {
      const { verify, file } = await sealedTwice();
      const [first, second] = readFileSync(file.file, 'utf8').trimEnd().split('\n');
      const rewritten = { ...(JSON.parse(first!) as Checkpoint), createdAt: '2017-01-01T00:00:00.000Z' };
      writeFileSync(file.file, `${JSON.stringify(rewritten)}\n${second}\n`);

      const report = await verify();

      expect(report.ok).toBe(false);
      expect(report.disagreements).toEqual([
        expect.objectContaining({
          code: 'CHECKPOINT_RECORDS_DIFFER',
          checkpoint: 1,
          record: expect.any(String),
        }),
      ]);
      expect(report.firstFinding).toMatchObject({ code: 'BAD_SIGNATURE', checkpoint: 1 });
    });

    it('finds events removed from the log together with the file line that sealed them', async () => {
      const { verify, file } = await sealedTwice();
      const lines = readFileSync(file.file, 'utf8').trimEnd().split('\n');
      writeFileSync(file.file, `${lines.slice(0, -1).join('\n')}\n`);
      await deleteLastEvents(world.store, 2);

      // The file alone no longer sees anything wrong: the removed events were sealed only by the line removed.
      const fileOnly = await verifyLog({
        log: world.store.chained,
        checkpoints: await file.readAll(),
        trustedKeys,
      });
      expect(fileOnly.ok).toBe(true);

      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.firstFinding).toMatchObject({ code: 'CHECKPOINT_MISMATCH', checkpoint: 2 });
      expect(report.disagreements).toEqual([
        expect.objectContaining({ code: 'CHECKPOINT_MISSING_FROM_RECORD', checkpoint: 2 }),
      ]);
    });
  });
});

/** A sink in memory, so a checkpoint can be made without recording it anywhere yet. */
function memory(): CheckpointSink {
  const held: Checkpoint[] = [];
  return {
    description: 'memory',
    append: (checkpoint) => Promise.resolve(void held.push(checkpoint)),
    readAll: () => Promise.resolve([...held]),
  };
}

function now(): Date {
  return new Date('2024-06-01T00:00:00.000Z');
}

/** `checkpoint` signed again by `signer`, following the checkpoint whose digest is `previousDigest`. */
function resign(checkpoint: Checkpoint, signer: SigningKey, previousDigest: string): Checkpoint {
  const { signature: _signature, ...body } = {
    ...checkpoint,
    keyId: signer.keyId,
    previousCheckpointDigest: previousDigest,
  };
  return { ...body, signature: signText(signer, checkpointSigningText(body)) };
}
