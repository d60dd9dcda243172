import { membersOf, programmeDecider, type ProgrammeMembers } from '../domain/programme';
import type { EventStore } from '../infra/event-store/event-store.port';
import { foldThroughVersion, pageOf, type MembersPageInput } from './state-through-version';
import { whileRunning } from './while-running';

export type ReadProgrammeMembersInput = MembersPageInput;

/**
 * The programme's members as its own stream holds them through a version (docs/decisions/0067): a run
 * continued as new reads them back a page at a time instead of receiving them in its input.
 */
export function createProgrammeMembersActivities(store: EventStore) {
  return {
    async readProgrammeMembers(input: ReadProgrammeMembersInput): Promise<ProgrammeMembers> {
      return whileRunning(async () => {
        const { state } = await foldThroughVersion(
          store,
          programmeDecider,
          input.stream,
          input.throughVersion,
        );
        const members = membersOf(state);
        return {
          listedTowns: pageOf(members.listedTowns, input),
          exitedTowns: pageOf(members.exitedTowns, input),
          recommended: pageOf(members.recommended, input),
        };
      });
    },
  };
}

export type ProgrammeMembersActivities = ReturnType<typeof createProgrammeMembersActivities>;
