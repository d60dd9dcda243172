import { membersOf, programmeDecider, type ProgrammeMembers } from '../domain/programme';
import type { EventStore } from '../infra/event-store/event-store.port';
import { membersInPages } from './members-in-pages';
import type { MembersPageInput } from './state-through-version';
import { whileRunning } from './while-running';

export type ReadProgrammeMembersInput = MembersPageInput;

/**
 * The programme's members as its own stream holds them through a version (docs/decisions/0067): a run
 * continued as new reads them back a page at a time instead of receiving them in its input.
 */
export function createProgrammeMembersActivities(store: EventStore) {
  const pageOfMembers = membersInPages(store, programmeDecider, ({ state }) => membersOf(state));
  return {
    async readProgrammeMembers(input: ReadProgrammeMembersInput): Promise<ProgrammeMembers> {
      return whileRunning(() => pageOfMembers(input));
    },
  };
}

export type ProgrammeMembersActivities = ReturnType<typeof createProgrammeMembersActivities>;
