import { batchCommandTypes } from '../../../domain/batch/batch.commands';
import { batchCommandSeats } from '../../../domain/batch/batch.permissions';
import { programmeCommandTypes } from '../../../domain/programme/programme.commands';
import { programmeCommandSeats } from '../../../domain/programme/programme.permissions';
import type { Seat } from '../../../domain/shared/seats';
import { townCommandTypes } from '../../../domain/town/town.commands';
import { townCommandSeats } from '../../../domain/town/town.permissions';
import { readResources, type CommandAction } from '../../../infra/auth/access-rules';
import { decideAccess, seatMayAttempt } from '../../../infra/auth/authorize';
import { humanSeats, type HumanSeat, type Principal } from '../../../infra/auth/principal';

const ownCounty = 'luxi';
const otherCounty = 'shangli';

function principal(seat: HumanSeat): Principal {
  return seat === 'county-official'
    ? { userId: `${seat}-1`, seat, county: ownCounty }
    : { userId: `${seat}-1`, seat };
}

/** Every command of every aggregate, with the seats its domain table lists. */
const commands: readonly { command: CommandAction; seats: readonly Seat[] }[] = [
  ...townCommandTypes.map((type) => ({
    command: { aggregate: 'town' as const, type },
    seats: townCommandSeats[type],
  })),
  ...batchCommandTypes.map((type) => ({
    command: { aggregate: 'batch' as const, type },
    seats: batchCommandSeats[type],
  })),
  ...programmeCommandTypes.map((type) => ({
    command: { aggregate: 'programme' as const, type },
    seats: programmeCommandSeats[type],
  })),
];

const matrix = humanSeats.flatMap((seat) =>
  commands.flatMap(({ command, seats }) =>
    (['own', 'other'] as const).map((where) => ({
      seat,
      command,
      where,
      // The expectation, spelled out: the seat must be listed, and a county official must be at home.
      expected: seats.includes(seat) && (seat !== 'county-official' || where === 'own'),
    })),
  ),
);

describe('authorization: every seat × every command × own/other county', () => {
  it('covers every seat but the scheduler and every command of the three aggregates', () => {
    expect(humanSeats).toHaveLength(8);
    expect(humanSeats).not.toContain('system');
    expect(matrix).toHaveLength(
      8 * (townCommandTypes.length + batchCommandTypes.length + programmeCommandTypes.length) * 2,
    );
  });

  it.each(matrix)(
    '$seat, $command.aggregate $command.type, $where county → allowed: $expected',
    ({ seat, command, where, expected }) => {
      const decision = decideAccess(
        principal(seat),
        { kind: 'command', command },
        { county: where === 'own' ? ownCounty : otherCounty },
      );
      expect(decision.allowed).toBe(expected);
      if (!decision.allowed) {
        expect(decision.code).toBe(
          (
            commands.find(
              (entry) => entry.command.type === command.type && entry.command.aggregate === command.aggregate,
            )?.seats ?? []
          ).includes(seat)
            ? 'ACTOR_COUNTY_MISMATCH'
            : 'ROLE_NOT_ALLOWED',
        );
      }
    },
  );
});

describe('authorization: what the rules must say whatever the tables become', () => {
  const allowedFor = (seat: HumanSeat) =>
    commands.filter(
      ({ command }) =>
        decideAccess(principal(seat), { kind: 'command', command }, { county: ownCounty }).allowed,
    );

  it('lets auditors issue no command at all', () => {
    expect(allowedFor('auditor')).toEqual([]);
  });

  it('lets no person issue a command only the scheduler issues', () => {
    const schedulerOnly = commands.filter(({ seats }) => seats.length === 1 && seats[0] === 'system');
    expect(schedulerOnly.length).toBeGreaterThan(0);
    for (const seat of humanSeats) {
      for (const { command } of schedulerOnly) {
        expect(seatMayAttempt(principal(seat), { kind: 'command', command }).allowed).toBe(false);
      }
    }
  });

  it('gives applications to county officials and payments to the finance bureau only', () => {
    const who = (type: string) =>
      humanSeats.filter(
        (seat) =>
          decideAccess(
            principal(seat),
            { kind: 'command', command: { aggregate: 'town', type } as CommandAction },
            { county: ownCounty },
          ).allowed,
      );
    expect(who('ApplyForTown')).toEqual(['county-official']);
    expect(who('PayReward')).toEqual(['finance-bureau']);
    expect(who('GrantLandSupport')).toEqual(['land-resources-bureau']);
    expect(who('RecordSiteInspection')).toEqual(['member-unit-inspector']);
  });

  it('checks only the seat before the target county is known', () => {
    const apply: CommandAction = { aggregate: 'town', type: 'ApplyForTown' };
    expect(seatMayAttempt(principal('county-official'), { kind: 'command', command: apply }).allowed).toBe(
      true,
    );
    expect(seatMayAttempt(principal('auditor'), { kind: 'command', command: apply })).toMatchObject({
      allowed: false,
      code: 'ROLE_NOT_ALLOWED',
      details: { seat: 'auditor', command: 'ApplyForTown', allowedSeats: ['county-official'] },
    });
  });

  it('does not scope a batch- or programme-level target (county null) to a county', () => {
    const submit: CommandAction = { aggregate: 'batch', type: 'SubmitApplication' };
    expect(
      decideAccess(principal('county-official'), { kind: 'command', command: submit }, { county: null })
        .allowed,
    ).toBe(true);
  });
});

describe('authorization: reads per seat × own/other county', () => {
  const reads = humanSeats.flatMap((seat) =>
    readResources.flatMap((resource) =>
      (['own', 'other'] as const).map((where) => ({ seat, resource, where })),
    ),
  );

  it.each(reads)('$seat reads $resource of the $where county', ({ seat, resource, where }) => {
    const decision = decideAccess(
      principal(seat),
      { kind: 'read', resource },
      {
        county: where === 'own' ? ownCounty : otherCounty,
      },
    );
    const countyBound = resource !== 'programme-overview';
    const expected = seat !== 'county-official' || where === 'own' || !countyBound;
    expect(decision.allowed).toBe(expected);
    if (!decision.allowed) expect(decision.code).toBe('ACTOR_COUNTY_MISMATCH');
  });

  it('lets the auditor read everything, in every county', () => {
    for (const resource of readResources) {
      for (const county of [ownCounty, otherCounty, null]) {
        expect(decideAccess(principal('auditor'), { kind: 'read', resource }, { county }).allowed).toBe(true);
      }
    }
  });
});
