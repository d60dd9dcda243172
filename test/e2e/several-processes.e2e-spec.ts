import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { townDecider } from '../../domain/town';
import { mintToken } from '../../infra/auth/token-issuer';
import type { Principal } from '../../infra/auth/principal';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { freePort } from '../../infra/temporal/port-utils';
import { dropSchema, uniqueSchema } from '../helpers/postgres-schema';
import { eventually } from '../helpers/programme-startup';
import { testTemporal, uniqueTaskQueue } from '../helpers/test-env';
import { environmentWithoutDatabase } from '../helpers/tool-process';
import { startProcess, type RunningProcess } from './support/running-process';
import { sendUntilAnswered } from './support/send-until-answered';

const databaseUrl = process.env.DATABASE_URL;

/** Two applications in each of five counties: within the pack's quota, so every one is accepted. */
const applications = ['luxi', 'shangli', 'lianhua', 'xiangdong', 'anyuan'].flatMap((county) =>
  [1, 2].map((n) => ({ county, name: `多进程测试小镇 ${county} ${n}`, key: `several-${county}-${n}` })),
);
const countyNames: Readonly<Record<string, string>> = {
  luxi: '芦溪县',
  shangli: '上栗县',
  lianhua: '莲花县',
  xiangdong: '湘东区',
  anyuan: '安源区',
};

if (databaseUrl !== undefined && databaseUrl !== '') {
  /**
   * A deployment of several processes (docs/deployment.md): two `npm run start:api` and two
   * `npm run start:worker` against one Temporal server and one PostgreSQL. Officials' steps go through
   * both APIs; one worker is killed (SIGKILL) while steps are under way. Every step is recorded once, and
   * both APIs' read models come to the same list.
   */
  describe('two APIs and two workers on one Temporal server and one PostgreSQL', () => {
    const temporal = testTemporal();
    const schema = uniqueSchema('several');
    const taskQueue = uniqueTaskQueue('several-processes');
    const place = mkdtempSync(join(tmpdir(), 'towns-several-'));
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicKeyFile = join(place, 'auth-public.pem');
    const processes: RunningProcess[] = [];
    let store: EventStore;

    const environment = (name: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
      ...environmentWithoutDatabase(),
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      EVENT_STORE: 'postgres',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      AUTH_PUBLIC_KEY_FILE: publicKeyFile,
      DATA_DIR: join(place, name),
      HOST: '127.0.0.1',
      ...extra,
    });
    const tokenFor = (principal: Principal) =>
      mintToken({
        privateKey,
        algorithm: 'EdDSA',
        issuer: 'towns-local',
        audience: 'towns-api',
        principal,
        ttlSeconds: 3_600,
      });

    beforeAll(async () => {
      writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
      const workers = ['worker-1', 'worker-2'].map((name) =>
        startProcess(name, 'apps/worker/main.ts', environment(name), /Worker polling/),
      );
      processes.push(...workers);
      await Promise.all(workers.map((worker) => worker.ready));
      // The first API chooses the programme and keeps it in the store; the second finds it there.
      for (const name of ['api-1', 'api-2']) {
        const port = await freePort();
        const api = startProcess(
          name,
          'apps/api/main.ts',
          environment(name, { PORT: String(port) }),
          /API on /,
          {
            port,
          },
        );
        processes.push(api);
        await api.ready;
        await api.untilReady();
      }
      store = await createEventStore({ kind: 'postgres', url: databaseUrl, schema });
    }, 300_000);

    afterAll(async () => {
      await Promise.all(processes.map((running) => running.stop()));
      await store?.close();
      await dropSchema(databaseUrl, schema);
      rmSync(place, { recursive: true, force: true });
    });

    it('records every step once through both APIs while a worker is killed, and both APIs list the same towns', async () => {
      const [worker1, , api1, api2] = processes;
      const apis = [api1!, api2!];
      const apply = async (application: (typeof applications)[number], index: number) => {
        const token = await tokenFor({
          userId: `official-${application.county}`,
          seat: 'county-official',
          county: application.county,
        });
        const answer = await sendUntilAnswered(apis[index % 2]!.url('/api/towns'), {
          token,
          idempotencyKey: application.key,
          body: {
            name: application.name,
            county: countyNames[application.county],
            kind: 'administrative-town',
            industry: 'leisure-tourism',
            batchId: '2017',
          },
        });
        expect({ key: application.key, status: answer.status }).toEqual({
          key: application.key,
          status: 201,
        });
        return (answer.body as { townId: string }).townId;
      };

      const firstHalf = await Promise.all(applications.slice(0, 5).map((a, i) => apply(a, i)));
      // The second half is sent, and one worker dies while those steps are under way.
      const secondHalfSent = Promise.all(applications.slice(5).map((a, i) => apply(a, i + 5)));
      await worker1!.kill();
      const townIds = [...firstHalf, ...(await secondHalfSent)];
      expect(new Set(townIds).size).toBe(applications.length);

      // Sent again through the other API with the same keys: the recorded towns, nothing new.
      const again = await Promise.all(applications.map((a, i) => apply(a, i + 1)));
      expect(again).toEqual(townIds);

      for (const townId of townIds) {
        const stream = await store.readStream(townDecider.streamOf(townId));
        expect({ townId, types: stream.map((event) => event.type) }).toEqual({
          townId,
          types: ['TownApplied'],
        });
      }
      const received = (await store.readAll())
        .filter((event) => event.type === 'ApplicationReceived')
        .map((event) => (event.data as { townId: string }).townId);
      expect([...received].sort()).toEqual([...townIds].sort());

      const office = await tokenFor({ userId: 'office-1', seat: 'joint-meeting-office' });
      const listOf = async (api: RunningProcess) => {
        const answer = await fetch(api.url('/api/towns?pageSize=100'), {
          headers: { authorization: `Bearer ${office}` },
        });
        const page = (await answer.json()) as { items: { townId: string; status: string }[] };
        return page.items.map((town) => `${town.townId}:${town.status}`).sort();
      };
      const expected = townIds.map((townId) => `${townId}:applied`).sort();
      for (const api of apis) {
        await eventually(
          `${api.name} lists every town`,
          async () => (await listOf(api)).join() === expected.join(),
          30_000,
        );
      }
      expect(await listOf(api1!)).toEqual(await listOf(api2!));
    });
  });
} else {
  // Skipped without a PostgreSQL server: several processes share one store only there. CI sets DATABASE_URL.
  describe.skip('two APIs and two workers (needs DATABASE_URL)', () => {
    it('runs on PostgreSQL only', () => undefined);
  });
}
