import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../infra/temporal/port-utils';

const run = promisify(execFile);
const POSTGRES_INSTALLS = '/usr/lib/postgresql';

/** The bin directory of the newest PostgreSQL installed, undefined when none is. */
export function newestPostgresBin(): string | undefined {
  if (!existsSync(POSTGRES_INSTALLS)) return undefined;
  const newest = readdirSync(POSTGRES_INSTALLS)
    .filter((version) => /^\d+$/.test(version))
    .filter((version) => existsSync(join(POSTGRES_INSTALLS, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(POSTGRES_INSTALLS, newest, 'bin');
}

/**
 * A PostgreSQL cluster of a test's own, in a temporary directory on a free port, which the test may stop
 * as hard as it likes: the shared server is never touched. PostgreSQL refuses to run as root, so a
 * root process runs its binaries as the `postgres` OS user, who then owns the directory.
 */
export class ScratchCluster {
  private constructor(
    private readonly bin: string,
    private readonly directory: string,
    readonly port: number,
  ) {}

  static async create(bin: string): Promise<ScratchCluster> {
    const directory = await mkdtemp(join(tmpdir(), 'pg-cluster-'));
    if (runsAsRoot()) {
      const [uid, gid] = await Promise.all([idOfPostgres('-u'), idOfPostgres('-g')]);
      await chown(directory, uid, gid);
    }
    const cluster = new ScratchCluster(bin, directory, await freePort());
    await cluster.pg('initdb', ['-D', cluster.dataDirectory, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDirectory(): string {
    return join(this.directory, 'data');
  }

  /** Starts the server and waits until it accepts connections (after crash recovery, if one is due). */
  async start(): Promise<void> {
    const serverOptions = `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1`;
    await this.pg('pg_ctl', [
      'start',
      '-w',
      '-D',
      this.dataDirectory,
      '-l',
      join(this.directory, 'server.log'),
      '-o',
      serverOptions,
    ]);
  }

  /** `immediate` ends every server process at once, without a checkpoint: a crash, as far as the data knows. */
  async stop(mode: 'immediate' | 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['stop', '-w', '-m', mode, '-D', this.dataDirectory]);
  }

  /** Stops the server if it runs, and deletes the cluster. */
  async destroy(): Promise<void> {
    await this.stop('fast').catch(() => undefined);
    await rm(this.directory, { recursive: true, force: true });
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const path = join(this.bin, program);
    if (runsAsRoot()) await run('runuser', ['-u', 'postgres', '--', path, ...args]);
    else await run(path, args);
  }
}

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

async function idOfPostgres(flag: '-u' | '-g'): Promise<number> {
  const { stdout } = await run('id', [flag, 'postgres']);
  return Number(stdout.trim());
}
