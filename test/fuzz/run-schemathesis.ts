/**
 * `npm run test:fuzz`: Schemathesis, with every check, against the running API — `npm start` as a user
 * runs it (apps/start.ts in a process of its own, its own ports and data directory) — once per seat, each
 * seat on the operations it may call, with that seat's token. Exits non-zero on any failure or error.
 *
 * Schemathesis comes from PyPI (scripts/install-schemathesis.sh, which `.ci/run` runs); set
 * SCHEMATHESIS_BIN to use another `st`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { loadAuthConfig, resolveAuthKeys } from '../../infra/auth/auth-config';
import type { Principal } from '../../infra/auth/principal';
import { mintToken } from '../../infra/auth/token-issuer';
import { npmStartPlace, startNpmStart } from '../helpers/npm-start-process';

const root = resolve(__dirname, '..', '..');
const config = join(root, 'test', 'fuzz', 'schemathesis.toml');

/**
 * Who runs, on what: the reads by a county's seat (narrowed to their county) and by the auditor (all of
 * them); each seat's own commands by that seat. Schemathesis ORs include filters of different kinds, so
 * each run names its paths and excludes the other method.
 */
const onlyPosts = (paths: string) => ['--include-path-regex', paths, '--exclude-method', 'GET'];
const seatRuns: readonly { readonly who: Principal; readonly include: readonly string[] }[] = [
  {
    who: { userId: 'fuzz-county', seat: 'county-official', county: 'luxi' },
    include: [
      '--exclude-method',
      'POST',
      '--exclude-path-regex',
      '^/api/(health|audit/(programme|decisions|jobs))',
    ],
  },
  {
    who: { userId: 'fuzz-county-commands', seat: 'county-official', county: 'luxi' },
    include: onlyPosts(
      '^/api/towns(/[^/]+/(plan|reviews/[^/]+/statistics|projects|projects/[^/]+/progress|funding))?$',
    ),
  },
  {
    who: { userId: 'fuzz-auditor', seat: 'auditor' },
    include: ['--exclude-method', 'POST', '--exclude-path-regex', '^/api/health/'],
  },
  {
    who: { userId: 'fuzz-auditor-jobs', seat: 'auditor' },
    include: onlyPosts('^/api/audit/jobs$'),
  },
  {
    who: { userId: 'fuzz-office', seat: 'joint-meeting-office' },
    include: onlyPosts(
      '/(defence-scores|plan/(approval|return|extension)|statistics-extension|rating|observation-recheck|progress-check|acceptance/opinion|provincial-decision|approvals|key-schedule)$',
    ),
  },
  {
    who: { userId: 'fuzz-secretary', seat: 'joint-meeting-secretary' },
    include: onlyPosts(
      '/(list-decision|publication|closure|provincial-recommendation|acceptance/deliberation)$',
    ),
  },
  {
    who: { userId: 'fuzz-finance', seat: 'finance-bureau' },
    include: onlyPosts('/(payment|funding)$'),
  },
  {
    who: { userId: 'fuzz-land', seat: 'land-resources-bureau' },
    include: onlyPosts('/land-support$'),
  },
  {
    who: { userId: 'fuzz-inspector', seat: 'member-unit-inspector', unit: 'construction' },
    include: onlyPosts('/acceptance/inspections$'),
  },
];

function schemathesis(): string {
  const candidates = [process.env.SCHEMATHESIS_BIN, join(root, 'tools', 'fuzz-venv', 'bin', 'st')];
  const found = candidates.find((candidate) => candidate !== undefined && existsSync(candidate));
  if (found) return found;
  if (spawnSync('st', ['--version']).status === 0) return 'st';
  throw new Error(
    'Schemathesis is not installed: run scripts/install-schemathesis.sh (or set SCHEMATHESIS_BIN)',
  );
}

/** Ready means an official's request would be served (decision 0091); the fuzzer starts then. */
async function waitUntilReady(api: string): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${api}/api/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await delay(500);
  }
  throw new Error(`${api} was not ready within 4 minutes`);
}

async function call<T>(url: string, token: string, method: 'GET' | 'POST', body?: object): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A town of Luxi and a completed verification job: ids that exist, for the routes that take one. */
async function fixture(api: string, token: (who: Principal) => Promise<string>) {
  const county = await token({ userId: 'fuzz-fixture', seat: 'county-official', county: 'luxi' });
  const applied = await call<{ townId: string; positions: string[] }>(`${api}/api/towns`, county, 'POST', {
    name: '麻山汽车风情小镇',
    county: '芦溪县',
    kind: 'administrative-town',
    industry: 'leisure-tourism',
    batchId: '2017',
  });
  const auditor = await token({ userId: 'fuzz-fixture-auditor', seat: 'auditor' });
  const job = await call<{ jobId: string }>(`${api}/api/audit/jobs`, auditor, 'POST', { kind: 'verify' });
  for (let polls = 0; polls < 240; polls += 1) {
    const status = await call<{ state: string }>(`${api}/api/audit/jobs/${job.jobId}`, auditor, 'GET');
    if (status.state === 'completed') {
      return { townId: applied.townId, jobId: job.jobId, position: applied.positions[0] ?? '1' };
    }
    if (status.state !== 'running') throw new Error(`The fixture's verification job ended ${status.state}`);
    await delay(500);
  }
  throw new Error("The fixture's verification job did not complete within two minutes");
}

/**
 * One Schemathesis run. Asynchronous on purpose: while it runs, this process keeps reading the system's
 * output — blocked in a synchronous spawn it would not, the system's output pipe would fill, and the
 * system would stop answering in the middle of the run. A passing run is reported in one line (its test
 * cases); a failing one prints Schemathesis's whole report, which names each failure and how to
 * reproduce it.
 */
async function run(
  st: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  label: string,
): Promise<boolean> {
  const child = spawn(st, ['--config-file', config, '--no-color', 'run', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const report: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => report.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => report.push(chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const text = report.join('');
  if (code === 0) {
    console.log(`✓ Schemathesis as ${label}: ${testCases(text)}`);
    return true;
  }
  console.log(`\n✗ Schemathesis as ${label} (exit ${code ?? 'by signal'}):\n${text}`);
  return false;
}

/** The summary's "Test cases:" line, e.g. "934 generated, 934 passed, 2 skipped". */
function testCases(report: string): string {
  return /Test cases:\s*(.+)/.exec(report)?.[1]?.trim() ?? 'passed';
}

async function main(): Promise<number> {
  const st = schemathesis();
  const dataDir = mkdtempSync(join(tmpdir(), 'towns-fuzz-'));
  const place = await npmStartPlace(dataDir);
  const api = `http://127.0.0.1:${place.port}`;
  const system = await startNpmStart(place, {
    env: {
      EVENT_STORE: 'pglite',
      // The fuzzer is one caller sending thousands of requests: the limits are tested elsewhere.
      RATE_LIMIT_COMMANDS: '1000000',
      RATE_LIMIT_HEAVY_READS: '1000000',
      RATE_LIMIT_PUBLIC: '1000000',
    },
  });
  let passed = false;
  try {
    await waitUntilReady(api);
    const auth = loadAuthConfig({});
    const keys = resolveAuthKeys(auth, { devKeyDir: join(dataDir, 'auth') });
    const privateKey = keys.privateKey;
    if (!privateKey) throw new Error('npm start made no development key to sign with');
    const token = (who: Principal) =>
      mintToken({
        privateKey,
        algorithm: keys.algorithm,
        issuer: auth.issuer,
        audience: auth.audience,
        principal: who,
        ttlSeconds: 3600,
      });
    const ids = await fixture(api, token);
    const runEnv = {
      ...process.env,
      FUZZ_TOWN_ID: ids.townId,
      FUZZ_JOB_ID: ids.jobId,
      FUZZ_MIN_POSITION: ids.position,
    };
    const schema = `${api}/api/docs-json`;
    const outcomes = [
      await run(st, [schema, '--include-path-regex', '^/api/health/'], runEnv, 'anyone (health)'),
    ];
    for (const { who, include } of seatRuns) {
      const bearer = `Authorization: Bearer ${await token(who)}`;
      outcomes.push(await run(st, [schema, '-H', bearer, ...include], runEnv, `${who.seat} (${who.userId})`));
    }
    const failed = outcomes.filter((outcome) => !outcome).length;
    console.log(`\nSchemathesis: ${outcomes.length - failed} of ${outcomes.length} runs passed`);
    passed = failed === 0;
    return passed ? 0 : 1;
  } finally {
    await system.stop('SIGINT');
    // The system's own log (worker, audit jobs the fuzzer starts) is shown only when something failed.
    if (!passed) console.error(`\nThe API's log:\n${system.output().slice(-20_000)}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
