import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBundle } from '../../../audit/export/bundle-export';
import { EVENTS_FILE, MANIFEST_FILE } from '../../../audit/shared/bundle-format';
import { verifyBundle } from '../../../audit/verify/bundle-verify';
import { makeCheckpoint } from '../../../audit/checkpoints/checkpointer';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { verifyLog } from '../../../audit/verify/verify';
import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import type { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { testSigningKey } from '../../unit/audit/chained-log';
import { findingAt } from './owner-edits';
import { appendProgrammeLog, positionOf } from './programme-log';

jest.setTimeout(60_000);

describe('checkpoints and audit bundles', () => {
  const key = testSigningKey();
  const trustedKeys = new Map([[key.keyId, key.publicKey]]);
  let store: SqlEventStore;
  let directory: string;
  let sink: JsonLinesCheckpointSink;
  const now = () => new Date('2021-01-05T00:00:00.000Z');

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'bundles-'));
    sink = new JsonLinesCheckpointSink(join(directory, 'checkpoints'));
    store = await openPgliteEventStore();
    await appendProgrammeLog(store);
    await makeCheckpoint({ log: store.chained, sink, key, now });
    // Streams that continue after the checkpoint: the next one links them to events it did not read.
    for (const stream of ['town-mashan', 'town-wugong']) {
      const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      await store.append(
        stream,
        [{ ...last!, id: randomUUID(), occurredAt: '2020-12-01T00:00:00.000Z' }],
        last!.streamVersion,
      );
    }
    await makeCheckpoint({ log: store.chained, sink, key, now });
    // One more, not yet sealed.
    await store.append(
      'town-luxi',
      [{ ...(await store.readStream('town-luxi'))[0]!, id: randomUUID() }],
      'any',
    );
  });
  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('seals the log incrementally, and the store verifies against every checkpoint', async () => {
    const checkpoints = await sink.readAll();
    const report = await verifyLog({ log: store.chained, checkpoints, trustedKeys, pageSize: 7 });

    expect(checkpoints.map((checkpoint) => checkpoint.sequence)).toEqual([1, 2]);
    expect(report).toMatchObject({
      ok: true,
      checkpointsVerified: 2,
      entriesAfterLastCheckpoint: 1,
      lastPosition: String(await store.chained.lastPosition()),
    });
    expect(
      await makeCheckpoint({
        log: store.chained,
        sink: new JsonLinesCheckpointSink(join(directory, 'x')),
        key,
        now,
      }),
    ).toMatchObject({ made: true });
  });

  it("exports a town's bundle that verifies offline, with the other towns redacted", async () => {
    const out = join(directory, 'wugong');
    const exported = await exportBundle({
      store,
      scope: { kind: 'town', townId: 'wugong' },
      checkpoints: await sink.readAll(),
      publicKeys: trustedKeys,
      key,
      directory: out,
      now,
    });
    const lines = readFileSync(join(out, EVENTS_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(exported.manifest.log).toMatchObject({ events: 10, checkpoints: 2 });
    expect(
      lines.filter((line) => line.redacted !== true).every((line) => line.stream === 'town-wugong'),
    ).toBe(true);
    expect(lines.some((line) => JSON.stringify(line).includes('麻山'))).toBe(false);

    const report = await verifyBundle({ directory: out, trustedKeys });
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 10,
      checkpointsVerified: 2,
    });
    // Without keys of one's own, nothing is verified: never against the keys the bundle carries.
    await expect(verifyBundle({ directory: out, trustedKeys: new Map() })).rejects.toMatchObject({
      code: 'AUDIT_KEYS_MISSING',
    });
  });

  it('finds one flipped byte of an event at that event', async () => {
    const out = join(directory, 'programme');
    await exportBundle({
      store,
      scope: { kind: 'programme' },
      checkpoints: await sink.readAll(),
      publicKeys: trustedKeys,
      key,
      directory: out,
      now,
    });
    expect((await verifyBundle({ directory: out, trustedKeys })).ok).toBe(true);
    const position = await positionOf(store, 'town-wugong', 'RewardPaid');
    const path = join(out, EVENTS_FILE);
    const bytes = readFileSync(path);
    const line = Buffer.from(`{"globalPosition":"${position}"`);
    const at = bytes.indexOf(Buffer.from('PAY-', 'utf8'), bytes.indexOf(line));
    expect(bytes.indexOf(line)).toBeGreaterThan(0);
    bytes[at] = bytes[at]! ^ 0x01; // 'P' becomes 'Q'
    writeFileSync(path, bytes);

    const report = await verifyBundle({ directory: out, trustedKeys });

    expect(report.ok).toBe(false);
    expect(report.firstFinding).toMatchObject(findingAt('CONTENT_MISMATCH', position, 'town-wugong', 3));
    expect(report.findings.map((finding) => finding.code)).toEqual(['CONTENT_MISMATCH', 'BUNDLE_MISMATCH']);
  });

  it('finds an edited manifest by its signature, and a bundle signed by a stranger', async () => {
    const out = join(directory, 'luxi');
    await exportBundle({
      store,
      scope: { kind: 'town', townId: 'luxi' },
      checkpoints: [],
      publicKeys: new Map(),
      key,
      directory: out,
      now,
    });
    const manifest = readFileSync(join(out, MANIFEST_FILE), 'utf8');
    writeFileSync(join(out, MANIFEST_FILE), manifest.replace('"createdAt": "2021', '"createdAt": "2020'));

    expect((await verifyBundle({ directory: out, trustedKeys })).findings).toEqual([
      expect.objectContaining({ code: 'BAD_SIGNATURE', position: null }),
    ]);
    expect(
      (await verifyBundle({ directory: out, trustedKeys: new Map([['other', testSigningKey().publicKey]]) }))
        .firstFinding,
    ).toMatchObject({
      code: 'UNKNOWN_KEY',
    });
  });

  it('refuses to export a town the log does not hold, or into a directory in use', async () => {
    const options = { store, checkpoints: [], publicKeys: trustedKeys, key, now };
    await expect(
      exportBundle({
        ...options,
        scope: { kind: 'town', townId: 'nowhere' },
        directory: join(directory, 'none'),
      }),
    ).rejects.toMatchObject({ code: 'TOWN_NOT_FOUND' });
    await expect(
      exportBundle({ ...options, scope: { kind: 'programme' }, directory: join(directory, 'wugong') }),
    ).rejects.toMatchObject({ code: 'BUNDLE_EXISTS' });
  });
});
