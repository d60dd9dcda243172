import {
  decideAccess,
  seatMayAttempt,
  type AccessSubject,
  type CommandAction,
} from '../../../../domain/access/authorize';
import { readResources, type ReadResource } from '../../../../domain/access/read.permissions';
import { batchCommandTypes } from '../../../../domain/batch/batch.commands';
import { batchCommandSeats } from '../../../../domain/batch/batch.permissions';
import { programmeCommandTypes } from '../../../../domain/programme/programme.commands';
import { programmeCommandSeats } from '../../../../domain/programme/programme.permissions';
import { humanSeats, type HumanSeat, type Seat } from '../../../../domain/shared/seats';
import { townCommandTypes } from '../../../../domain/town/town.commands';
import { townCommandSeats } from '../../../../domain/town/town.permissions';

const ownCounty = 'luxi';
const otherCounty = 'shangli';
const ownUnit = 'construction';
const otherUnit = 'finance';

function subject(seat: HumanSeat): AccessSubject {
  if (seat === 'county-official') return { seat, county: ownCounty };
  if (seat === 'member-unit-inspector') return { seat, unit: ownUnit };
  return { seat };
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

const commandMatrix = humanSeats.flatMap((seat) =>
  commands.flatMap(({ command, seats }) =>
    (['own', 'other'] as const).map((where) => ({
      seat,
      command,
      where,
      // Spelled out: the seat must be listed, and a county's or a unit's seat must be at home.
      expected: !seats.includes(seat)
        ? 'ROLE_NOT_ALLOWED'
        : where === 'other' && seat === 'county-official'
          ? 'ACTOR_COUNTY_MISMATCH'
          : where === 'other' && seat === 'member-unit-inspector'
            ? 'ACTOR_UNIT_MISMATCH'
            : 'allowed',
    })),
  ),
);

describe('access to commands: every seat × every command × own/other county and unit', () => {
  it('covers every seat but the scheduler and every command of the three aggregates', () => {
    expect(humanSeats).toHaveLength(8);
    expect(humanSeats).not.toContain('system');
    expect(commandMatrix).toHaveLength(
      8 * (townCommandTypes.length + batchCommandTypes.length + programmeCommandTypes.length) * 2,
    );
  });

  it.each(commandMatrix)(
    '$seat, $command.aggregate $command.type, $where county and unit → $expected',
    ({ seat, command, where, expected }) => {
      const decision = decideAccess(
        subject(seat),
        { kind: 'command', command },
        where === 'own' ? { county: ownCounty, unit: ownUnit } : { county: otherCounty, unit: otherUnit },
      );
      expect(decision.allowed ? 'allowed' : decision.code).toBe(expected);
    },
  );
});

describe('access to commands: what the rules must say whatever the tables become', () => {
  const allowedFor = (seat: HumanSeat) =>
    commands.filter(
      ({ command }) =>
        decideAccess(subject(seat), { kind: 'command', command }, { county: ownCounty, unit: ownUnit })
          .allowed,
    );

  it('lets auditors issue no command at all', () => {
    expect(allowedFor('auditor')).toEqual([]);
  });

  it('lets no person issue a command only the scheduler issues', () => {
    const schedulerOnly = commands.filter(({ seats }) => seats.length === 1 && seats[0] === 'system');
    expect(schedulerOnly.length).toBeGreaterThan(0);
    for (const seat of humanSeats) {
      for (const { command } of schedulerOnly) {
        expect(seatMayAttempt(subject(seat), { kind: 'command', command }).allowed).toBe(false);
      }
    }
  });

  it('checks only the seat before the target is known', () => {
    const apply: CommandAction = { aggregate: 'town', type: 'ApplyForTown' };
    expect(seatMayAttempt(subject('county-official'), { kind: 'command', command: apply }).allowed).toBe(
      true,
    );
    expect(seatMayAttempt(subject('auditor'), { kind: 'command', command: apply })).toMatchObject({
      allowed: false,
      code: 'ROLE_NOT_ALLOWED',
      details: { seat: 'auditor', command: 'ApplyForTown', allowedSeats: ['county-official'] },
    });
  });

  it('binds an inspector to their unit, and one without a unit to none', () => {
    const inspect = {
      kind: 'command',
      command: { aggregate: 'town', type: 'RecordSiteInspection' },
    } as const;
    expect(
      decideAccess({ seat: 'member-unit-inspector', unit: 'planning' }, inspect, { unit: 'planning' }),
    ).toEqual({
      allowed: true,
      scope: {},
    });
    expect(
      decideAccess({ seat: 'member-unit-inspector', unit: 'planning' }, inspect, { unit: 'tourism' }),
    ).toEqual({
      allowed: false,
      code: 'ACTOR_UNIT_MISMATCH',
      details: { unit: 'tourism', actorUnit: 'planning' },
    });
    expect(decideAccess({ seat: 'member-unit-inspector' }, inspect, { unit: 'tourism' })).toMatchObject({
      allowed: false,
      code: 'ACTOR_UNIT_MISMATCH',
    });
  });
});

describe('access to reads: every seat × every resource × own/other county', () => {
  type Reach = 'all' | 'own' | 'none';
  /** One resource's row: the reach of the seats named, and `others` for every other seat. */
  const row = (named: Partial<Record<HumanSeat, Reach>>, others: Reach = 'all') =>
    Object.fromEntries(humanSeats.map((seat) => [seat, named[seat] ?? others])) as Record<HumanSeat, Reach>;
  const ownCountyOnly = row({ 'county-official': 'own' });
  /**
   * Written out by hand: what each seat may read, and of which county (not computed from the table).
   * The seat list itself is pinned above (eight human seats), so a new seat cannot slip in unread.
   */
  const expected: Readonly<Record<ReadResource, Readonly<Record<HumanSeat, Reach>>>> = {
    town: ownCountyOnly,
    'town-list': ownCountyOnly,
    deadlines: ownCountyOnly,
    batch: ownCountyOnly,
    programme: ownCountyOnly,
    'programme-overview': row({}),
    'programme-state-at': row({ 'county-official': 'none' }),
    'decision-csv': row({ 'county-official': 'none' }),
    'audit-jobs': row({ auditor: 'all' }, 'none'),
  };
  const cases = humanSeats.flatMap((seat) =>
    readResources.flatMap((resource) =>
      (['own', 'other'] as const).map((where) => ({
        seat,
        resource,
        where,
        reach: expected[resource][seat],
      })),
    ),
  );

  it('has an expectation for every resource', () => {
    expect(Object.keys(expected).sort()).toEqual([...readResources].sort());
  });

  it.each(cases)('$seat reads $resource of the $where county: $reach', ({ seat, resource, where, reach }) => {
    const decision = decideAccess(
      subject(seat),
      { kind: 'read', resource },
      { county: where === 'own' ? ownCounty : otherCounty },
    );
    if (reach === 'none') {
      expect(decision).toMatchObject({ allowed: false, code: 'READ_NOT_ALLOWED' });
    } else if (reach === 'all') {
      expect(decision).toEqual({ allowed: true, scope: {} });
    } else if (where === 'own') {
      expect(decision).toEqual({ allowed: true, scope: { county: ownCounty } });
    } else {
      expect(decision).toMatchObject({ allowed: false, code: 'ACTOR_COUNTY_MISMATCH' });
    }
  });

  it('narrows a county official’s read of what names every county to their own county', () => {
    for (const resource of ['town-list', 'deadlines', 'batch', 'programme'] as const) {
      expect(decideAccess(subject('county-official'), { kind: 'read', resource }, {})).toEqual({
        allowed: true,
        scope: { county: ownCounty },
      });
    }
  });

  it('gives a county’s seat without its county nothing of any county', () => {
    expect(
      decideAccess({ seat: 'county-official' }, { kind: 'read', resource: 'town-list' }, {}),
    ).toMatchObject({
      allowed: false,
      code: 'ACTOR_COUNTY_MISMATCH',
    });
  });
});

describe('access to operations on the running system', () => {
  it('lets administrators alone move the training clock, whatever county or unit they hold', () => {
    const access = { kind: 'operation', operation: 'move-training-clock' } as const;
    for (const seat of humanSeats) {
      const decision = decideAccess(subject(seat), access, { county: otherCounty, unit: otherUnit });
      expect({ seat, allowed: decision.allowed }).toEqual({ seat, allowed: seat === 'administrator' });
      if (!decision.allowed) {
        expect(decision).toEqual(expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }));
      }
    }
    expect(decideAccess({ seat: 'system' }, access, {}).allowed).toBe(false);
  });
});
