import { membersOf, programmeDecider, type ProgrammeEvent, type ProgrammeMembers } from '../domain/programme';
import type { EventStore } from '../infra/event-store/event-store.port';
import { whileRunning } from './while-running';

export interface ReadProgrammeMembersInput {
  readonly stream: string;
  /** The last version the run that handed over had folded: later events are its successor's to apply. */
  readonly throughVersion: number;
  /** Where this page of each list starts, and how many entries of each it holds at most. */
  readonly offset: number;
  readonly limit: number;
}

/** Events per read of the programme's stream. */
const PAGE_SIZE = 200;

/**
 * The programme's members as its own stream holds them through a version (docs/decisions/0067): a run
 * continued as new reads them back a page at a time instead of receiving them in its input.
 */
export function createProgrammeMembersActivities(store: EventStore) {
  const membersThrough = async (stream: string, throughVersion: number): Promise<ProgrammeMembers> => {
    let state = programmeDecider.initialState;
    for (let fromVersion = 0; fromVersion <= throughVersion; fromVersion += PAGE_SIZE) {
      const maxCount = Math.min(PAGE_SIZE, throughVersion - fromVersion + 1);
      const page = await store.readStream(stream, { fromVersion, maxCount });
      for (const event of page) {
        state = programmeDecider.evolve(state, { type: event.type, data: event.data } as ProgrammeEvent);
      }
      if (page.length < maxCount) break;
    }
    return membersOf(state);
  };
  return {
    async readProgrammeMembers(input: ReadProgrammeMembersInput): Promise<ProgrammeMembers> {
      return whileRunning(async () => {
        const members = await membersThrough(input.stream, input.throughVersion);
        const page = <T>(list: readonly T[]): T[] => list.slice(input.offset, input.offset + input.limit);
        return {
          listedTowns: page(members.listedTowns),
          exitedTowns: page(members.exitedTowns),
          recommended: page(members.recommended),
        };
      });
    },
  };
}

export type ProgrammeMembersActivities = ReturnType<typeof createProgrammeMembersActivities>;
