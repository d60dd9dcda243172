import { batchDecider } from '../../domain/batch';
import { programmeDecider } from '../../domain/programme';
import { townDecider } from '../../domain/town';
import { shanghaiYearOf } from '../../domain/calendar/shanghai-calendar';
import { rehearsalOf, requirePolicy } from '../../domain/policy';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { batchStateIn, programmeOfficials, programmeStateIn } from './programme-officials';
import { runScenario, type ScenarioProgress } from './scenario-driver';
import { buildReport, type SimulationReport } from './simulation-report';
import { syntheticProgramme } from './synthetic-programme';
import { inFreshWorld, type TimeSkippingStalledError, type TimeSkippingWorld } from './time-skipping-world';

export interface SimulationOptions {
  /** A built-in pack id (domain/policy/policy-registry.ts). */
  readonly policyId: string;
  /** Applications the counties submit. */
  readonly towns: number;
  readonly seed: number;
  readonly onProgress?: (progress: ScenarioProgress) => void;
}

/**
 * The pack's rules on a rehearsal calendar whose first window opens on 1 March of the year after the
 * server's current year: the server's clock starts at the real time and only moves forward.
 */
export async function rehearsalFor(world: TimeSkippingWorld, base: PolicyPack): Promise<PolicyPack> {
  const year = shanghaiYearOf(await world.now()) + 1;
  return rehearsalOf(base, `${year}-03-01`);
}

/** One whole synthetic programme on a world already running; the world is left open for inspection. */
export async function simulate(
  world: TimeSkippingWorld,
  options: SimulationOptions,
): Promise<SimulationReport> {
  const base = requirePolicy(options.policyId);
  const policy = await rehearsalFor(world, base);
  const programme = syntheticProgramme(policy, options.towns, options.seed);
  const programmeId = `sim-${options.seed}`;
  const { tally, recordedByBatch } = await runScenario(
    world,
    policy,
    programme,
    programmeId,
    options.onProgress,
  );

  const officials = programmeOfficials(world.client, programmeId, world.taskQueue);
  const batches = await Promise.all(
    policy.batches.map(async (batch) => batchStateIn(world.store, await officials.batchView(batch.id))),
  );
  const towns = await Promise.all(
    Object.values(recordedByBatch)
      .flat()
      .map(async (townId) => (await officials.townView(townId)).state),
  );
  const programmeState = await programmeStateIn(world.store, programmeId);
  // This programme's streams only: a world may hold other runs too.
  const streams = [
    programmeDecider.streamOf(programmeId),
    ...policy.batches.map((batch) => batchDecider.streamOf(programmeId, batch.id, 'unambiguous')),
    ...towns.map((town) => townDecider.streamOf(town.townId ?? '')),
  ];
  let eventsStored = 0;
  for (const stream of streams) eventsStored += (await world.store.readStream(stream)).length;
  return buildReport({ base, policy, programme, tally, batches, programmeState, towns, eventsStored });
}

/**
 * A world of its own for one run, started afresh if the test server stalls: the same seed gives the same
 * report, so a second attempt changes nothing but the time taken.
 */
export function runSimulation(
  options: SimulationOptions & {
    readonly workflowBundlePath?: string;
    readonly onRetry?: (error: TimeSkippingStalledError, attempt: number) => void;
  },
): Promise<SimulationReport> {
  return inFreshWorld(
    options.workflowBundlePath ? { workflowBundlePath: options.workflowBundlePath } : {},
    (world) => simulate(world, options),
    options.onRetry,
  );
}
