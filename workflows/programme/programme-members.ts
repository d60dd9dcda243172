/**
 * A programme's members across continue-as-new (docs/decisions/0067): the run that hands over carries
 * their counts and hash instead of the lists; the next one reads the lists back from the programme's
 * stream, a page at a time, and checks them against what was carried.
 */
import {
  summariseMembers,
  membersOf,
  withoutMembers,
  type MembersSummary,
  type ProgrammeCommand,
  type ProgrammeMembers,
  type ProgrammeState,
} from '../../domain/programme';
import { membersReader } from '../shared/activity-proxies';
import type { StreamPosition } from '../shared/stream-command-runner';

/** Patch: the continue-as-new input carries the members' summary, not the members. */
export const MEMBERS_IN_STORE = 'members-in-store';

/** Entries of each list per read: a result stays near 210 KiB at most (bench:scale). */
export const MEMBERS_READ_PAGE = 1_000;

type Position = StreamPosition<ProgrammeState, ProgrammeCommand>;

/** The position to hand over, without the members, and what stands for them. */
export function handOver(position: Position): { position: Position; members: MembersSummary } {
  return {
    position: { ...position, state: withoutMembers(position.state) },
    members: summariseMembers(membersOf(position.state)),
  };
}

/**
 * The position a run continued as new starts from, its members read back from the stream through the
 * version the last run had folded. Members that do not match what was carried fail the workflow task
 * (retried, and visible), rather than letting the programme decide on a wrong list.
 */
export async function takeOver(
  stream: string,
  position: Position,
  carried: MembersSummary,
): Promise<Position> {
  const members: { [K in keyof ProgrammeMembers]: ProgrammeMembers[K][number][] } = {
    listedTowns: [],
    exitedTowns: [],
    recommended: [],
  };
  for (let offset = 0; ; offset += MEMBERS_READ_PAGE) {
    const page = await membersReader.readProgrammeMembers({
      stream,
      throughVersion: position.streamVersion,
      offset,
      limit: MEMBERS_READ_PAGE,
    });
    members.listedTowns.push(...page.listedTowns);
    members.exitedTowns.push(...page.exitedTowns);
    members.recommended.push(...page.recommended);
    const lengths = [page.listedTowns.length, page.exitedTowns.length, page.recommended.length];
    if (lengths.every((length) => length < MEMBERS_READ_PAGE)) break;
  }
  const read = summariseMembers(members);
  if (JSON.stringify(read) !== JSON.stringify(carried)) {
    throw new Error(
      `The programme's stream ${stream} through version ${position.streamVersion} does not hold the members the last run carried (${JSON.stringify(read)} ≠ ${JSON.stringify(carried)})`,
    );
  }
  return { ...position, state: { ...position.state, ...members } };
}
