import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { seatPlace } from '../../../domain/access/seat-place';
import { humanSeats, seatScopes } from '../../../domain/shared/seats';
import type { Principal } from '../../../infra/auth/principal';
import { mintToken } from '../../../infra/auth/token-issuer';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { validationProblem } from '../errors/problem';
import { DEV_SIGN_IN, DEV_SIGN_IN_POLICY, type DevSignInKeys } from './dev-sign-in.keys';
import { DevSignInOptionsDto, DevSignInRequestDto, DevTokenDto, seatPlaceProblem } from './dev-sign-in.dto';

/**
 * Development only: with the private key `npm start` made, anyone who can reach the server may sign in
 * as any seat. The module is registered only when that key is given (docs/decisions/0101), so with a
 * public key alone these routes do not exist.
 */
@ApiTags('development sign-in')
@Controller('dev-sign-in')
export class DevSignInController {
  constructor(
    @Inject(DEV_SIGN_IN) private readonly keys: DevSignInKeys,
    @Inject(DEV_SIGN_IN_POLICY) private readonly policy: PolicyPack,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({
    type: DevSignInOptionsDto,
    description: 'The seats, the counties of county officials and the units of inspectors.',
  })
  options(): DevSignInOptionsDto {
    return {
      seats: humanSeats.map((seat) => ({
        seat,
        countyScoped: seatScopes[seat] === 'county',
        unitScoped: seatScopes[seat] === 'unit',
      })),
      counties: this.policy.counties.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
      units: this.policy.memberUnits.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
      ttlSeconds: this.keys.ttlSeconds,
    };
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: DevTokenDto, description: 'A token for the chosen seat.' })
  @ApiProblems(400)
  async signIn(@Body() body: DevSignInRequestDto): Promise<DevTokenDto> {
    const principal = this.principalFor(body);
    const issuedAt = new Date();
    const token = await mintToken({ ...this.keys, principal, issuedAt });
    return { token, expiresAt: new Date(issuedAt.getTime() + this.keys.ttlSeconds * 1000).toISOString() };
  }

  private principalFor(body: DevSignInRequestDto): Principal {
    const name = body.name === undefined ? {} : { name: body.name };
    const placed = seatPlace(body.seat, body, this.policy, 'refuse');
    if ('problem' in placed) throw validationProblem([seatPlaceProblem(body.seat, placed.problem)]);
    const { county, unit } = placed.place;
    const heldFor = county ?? unit;
    return {
      userId: `${body.seat}${heldFor ? `-${heldFor}` : ''}-1`,
      seat: body.seat,
      ...placed.place,
      ...name,
    };
  }
}
