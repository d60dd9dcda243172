import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { findCounty } from '../../../domain/policy/policy-rules';
import { countyScopedSeats, humanSeats, type Principal } from '../../../infra/auth/principal';
import { mintToken } from '../../../infra/auth/token-issuer';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { validationProblem } from '../errors/problem';
import { DEV_SIGN_IN, DEV_SIGN_IN_POLICY, type DevSignInKeys } from './dev-sign-in.keys';
import { DevSignInOptionsDto, DevSignInRequestDto, DevTokenDto } from './dev-sign-in.dto';

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
    description: 'The seats, and the counties of county officials.',
  })
  options(): DevSignInOptionsDto {
    return {
      seats: humanSeats.map((seat) => ({ seat, countyScoped: countyScopedSeats.includes(seat) })),
      counties: this.policy.counties.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
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
    if (!countyScopedSeats.includes(body.seat)) {
      if (body.county !== undefined) {
        throw validationProblem([
          { field: 'county', code: 'COUNTY_NOT_APPLICABLE', message: `${body.seat} acts for no county` },
        ]);
      }
      return { userId: `${body.seat}-1`, seat: body.seat, ...name };
    }
    const county = body.county === undefined ? undefined : findCounty(this.policy, body.county);
    if (!county) {
      throw validationProblem([
        { field: 'county', code: 'COUNTY_UNKNOWN', message: `${body.seat} needs a county of this programme` },
      ]);
    }
    return { userId: `${body.seat}-${county.code}-1`, seat: body.seat, county: county.code, ...name };
  }
}
