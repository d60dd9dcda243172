/**
 * Runs a synthetic programme on the time-skipping server: the programme starts, each batch's
 * applications come in, the defence is scored and the list published, every listed town's life is
 * written into the agenda, and the agenda is worked through in date order, skipping time between
 * steps. Deadlines and reminders fire by themselves in between, exactly as in production.
 */
import { compareInstants, toEpochMs } from '../../domain/calendar/instant';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { Agenda } from './agenda';
import { chooseList } from './list-decision';
import { batchStateIn, conditionFindings, programmeOfficials } from './programme-officials';
import { officeHours, yearOf } from './simulation-dates';
import { townState, type SimulationContext } from './simulation-context';
import { attempt, emptyTally, refusalCode, type StepTally } from './step-tally';
import type { SyntheticProgramme, SyntheticTown } from './synthetic-programme';
import type { TimeSkippingWorld } from './time-skipping-world';
import { planTownLife } from './town-life';

export interface ScenarioProgress {
  readonly at: string;
  readonly label: string;
  /** Share of the programme's calendar already behind, 0..1. */
  readonly fraction: number;
}

export interface ScenarioResult {
  readonly tally: StepTally;
  /** Towns whose application was recorded, by batch, in the order they applied. */
  readonly recordedByBatch: Readonly<Record<string, readonly string[]>>;
}

export async function runScenario(
  world: TimeSkippingWorld,
  policy: PolicyPack,
  programme: SyntheticProgramme,
  programmeId: string,
  onProgress: (progress: ScenarioProgress) => void = () => undefined,
): Promise<ScenarioResult> {
  const firstBatch = policy.batches[0];
  if (!firstBatch) throw new RangeError('A pack always has a batch');
  const ctx: SimulationContext = {
    policy,
    officials: programmeOfficials(world.client, programmeId, world.taskQueue),
    agenda: new Agenda(),
    tally: emptyTally(),
    firstYear: yearOf(firstBatch.applicationOpensOn),
  };
  const { agenda, officials, tally } = ctx;
  /** The batch's state with its applications and scores, which its view only counts (decision 0098). */
  const batchState = async (batchId: string) => batchStateIn(world.store, await officials.batchView(batchId));
  const recordedByBatch: Record<string, string[]> = {};
  const synthetic = new Map<string, SyntheticTown>(
    programme.towns.map((town) => [town.application.townId, town]),
  );

  for (const batch of policy.batches) {
    const applicants = programme.towns.filter((town) => town.batchId === batch.id);
    const recorded = (recordedByBatch[batch.id] = [] as string[]);
    const applyAt = officeHours(batch.applicationOpensOn, 4);
    const closesAt = officeHours(batch.applicationClosesOn);
    agenda.add(
      compareInstants(applyAt, closesAt) <= 0 ? applyAt : closesAt,
      `batch ${batch.id}: applications`,
      async () => {
        for (const town of applicants) {
          const code = await refusalCode(officials.apply(batch.id, town.application));
          if (code === null) recorded.push(town.application.townId);
          else tally.applicationRefusals.push({ batchId: batch.id, townId: town.application.townId, code });
        }
      },
    );
    const selectAt = officeHours(batch.applicationClosesOn, 5);
    const publishBy = officeHours(batch.listPublishedBy);
    agenda.add(
      compareInstants(selectAt, publishBy) <= 0 ? selectAt : publishBy,
      `batch ${batch.id}: defence and list`,
      async () => {
        for (const application of (await batchState(batch.id)).applications) {
          const scores = synthetic.get(application.townId)?.defenceScores ?? {};
          await attempt(
            tally,
            'RecordDefenceScore',
            officials.recordDefenceScores(
              batch.id,
              application.townId,
              scores,
              conditionFindings(policy, application.kind),
            ),
          );
        }
        const listed = chooseList(policy, await batchState(batch.id), programme.listingThreshold);
        await attempt(tally, 'DecideList', officials.decideList(batch.id, listed));
        await attempt(tally, 'PublishList', officials.publishList(batch.id));
        // Every applicant's town records its outcome from the batch's relay before it is read.
        await world.settle();
        for (const townId of listed) {
          const town = synthetic.get(townId);
          if (town) planTownLife(ctx, town, await townState(ctx, townId));
        }
      },
    );
  }
  const closeAt = officeHours(policy.finalAcceptance.startsOn, 19);
  agenda.add(closeAt, 'the joint meeting closes the programme', async () => {
    await attempt(tally, 'CloseProgramme', officials.closeProgramme());
  });

  await officials.startProgramme(policy);
  const startMs = toEpochMs(await world.now());
  const span = Math.max(1, toEpochMs(closeAt) - startMs);
  for (let item = agenda.next(); item !== undefined; item = agenda.next()) {
    onProgress({
      at: item.at,
      label: item.label,
      fraction: Math.min(1, (toEpochMs(item.at) - startMs) / span),
    });
    await world.advanceTo(item.at);
    await item.run();
  }
  await world.settle();
  return { tally, recordedByBatch };
}
