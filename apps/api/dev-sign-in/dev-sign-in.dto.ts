import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { seatPlace, seatPlaceNames, type SeatPlaceProblem } from '../../../domain/access/seat-place';
import { humanSeats, type HumanSeat } from '../../../domain/shared/seats';
import type { FieldProblem } from '../errors/problem';
import { CheckedAgainstPack, textOf } from '../http/pack-check';
import { TextField } from '../http/text-field';

export class DevSeatDto {
  @ApiProperty({ enum: humanSeats }) seat!: HumanSeat;
  @ApiProperty({ description: 'True when a token for this seat names a county.' }) countyScoped!: boolean;
  @ApiProperty({ description: 'True when a token for this seat names a member unit (inspectors).' })
  unitScoped!: boolean;
}

export class DevCountyDto {
  @ApiProperty({ example: 'luxi' }) code!: string;
  @ApiProperty({ example: '芦溪县' }) nameZh!: string;
  @ApiProperty({ example: 'Luxi County' }) nameEn!: string;
}

export class DevUnitDto {
  @ApiProperty({ example: 'construction' }) code!: string;
  @ApiProperty({ example: '市住建局' }) nameZh!: string;
  @ApiProperty({ example: 'Housing and Urban-Rural Development Bureau' }) nameEn!: string;
}

export class DevSignInOptionsDto {
  @ApiProperty({ type: [DevSeatDto] }) seats!: DevSeatDto[];
  @ApiProperty({ type: [DevCountyDto] }) counties!: DevCountyDto[];
  @ApiProperty({ type: [DevUnitDto], description: 'The member units an inspector may be signed in for.' })
  units!: DevUnitDto[];
  @ApiProperty({ example: 28800, description: 'How long a token from here is valid.' }) ttlSeconds!: number;
}

/** Why the county or unit given places the seat nowhere, as the field problem naming it. */
export function seatPlaceProblem(seat: HumanSeat, { field, reason }: SeatPlaceProblem): FieldProblem {
  const place = seatPlaceNames[field];
  return reason === 'not-applicable'
    ? { field, code: `${field.toUpperCase()}_NOT_APPLICABLE`, message: `${seat} acts for no ${place}` }
    : {
        field,
        code: `${field.toUpperCase()}_UNKNOWN`,
        message: `${seat} needs a ${place} of this programme`,
      };
}

@CheckedAgainstPack((fields, policy) => {
  const seat = humanSeats.find((candidate) => candidate === fields.seat);
  if (seat === undefined) return [];
  const given = { county: textOf(fields, 'county'), unit: textOf(fields, 'unit') };
  const placed = seatPlace(seat, given, policy, 'refuse');
  return 'problem' in placed ? [seatPlaceProblem(seat, placed.problem)] : [];
})
export class DevSignInRequestDto {
  @ApiProperty({ enum: humanSeats, example: 'county-official' })
  @IsIn(humanSeats)
  seat!: HumanSeat;

  @TextField({
    maxLength: 50,
    optional: true,
    example: 'luxi',
    description: 'County officials only: code or Chinese name.',
  })
  county?: string;

  @TextField({
    maxLength: 100,
    optional: true,
    example: 'construction',
    description: "Member-unit inspectors only: the unit's code or Chinese name.",
  })
  unit?: string;

  @TextField({
    maxLength: 50,
    optional: true,
    example: '张三',
    description: 'Display name, recorded nowhere but in the token.',
  })
  name?: string;
}

export class DevTokenDto {
  @ApiProperty({ description: 'A bearer token, signed with the development key.' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
