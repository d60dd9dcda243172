import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { humanSeats, type HumanSeat } from '../../../infra/auth/principal';

export class DevSeatDto {
  @ApiProperty({ enum: humanSeats }) seat!: HumanSeat;
  @ApiProperty({ description: 'True when a token for this seat names a county.' }) countyScoped!: boolean;
}

export class DevCountyDto {
  @ApiProperty({ example: 'luxi' }) code!: string;
  @ApiProperty({ example: '芦溪县' }) nameZh!: string;
  @ApiProperty({ example: 'Luxi County' }) nameEn!: string;
}

export class DevSignInOptionsDto {
  @ApiProperty({ type: [DevSeatDto] }) seats!: DevSeatDto[];
  @ApiProperty({ type: [DevCountyDto] }) counties!: DevCountyDto[];
  @ApiProperty({ example: 28800, description: 'How long a token from here is valid.' }) ttlSeconds!: number;
}

export class DevSignInRequestDto {
  @ApiProperty({ enum: humanSeats, example: 'county-official' })
  @IsIn(humanSeats)
  seat!: HumanSeat;

  @ApiPropertyOptional({ example: 'luxi', description: 'County officials only: code or Chinese name.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  county?: string;

  @ApiPropertyOptional({ example: '张三', description: 'Display name, recorded nowhere but in the token.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;
}

export class DevTokenDto {
  @ApiProperty({ description: 'A bearer token, signed with the development key.' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
