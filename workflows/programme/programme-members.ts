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
  type ProgrammeState,
} from '../../domain/programme';
import { unlikeSummary } from '../../domain/shared/list-summary';
import { storeReader } from '../shared/activity-proxies';
import { goOnFromTheRecord, readMembersBack } from '../shared/members-in-pages';
import type { StreamPosition } from '../shared/stream-step';

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
 * version the last run had folded. Members that do not match what was carried are logged as an error,
 * and the run goes on from the record (`goOnFromTheRecord`).
 */
export async function takeOver(
  stream: string,
  position: Position,
  carried: MembersSummary,
): Promise<Position> {
  const at = { stream, throughVersion: position.streamVersion };
  const members = await readMembersBack(at, MEMBERS_READ_PAGE, storeReader.readProgrammeMembers);
  goOnFromTheRecord(unlikeSummary(at, members, carried));
  return { ...position, state: { ...position.state, ...members } };
}
