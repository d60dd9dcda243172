import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { readRules, type ReadResource } from '../../../infra/auth/access-rules';
import { countyScopedSeats, humanSeats, type HumanSeat } from '../../../infra/auth/principal';
import { forbidden } from '../auth/access-problems';
import { Reads } from '../auth/auth.decorators';
import { requestContext } from '../http/request-context';

export const auditResources = ['audit-town', 'audit-programme', 'audit-jobs'] as const;
export type AuditResource = (typeof auditResources)[number];

interface AuditReadRule {
  /** The read it refines: the global guard checks it first (and the route the county, where it applies). */
  readonly base: ReadResource;
  /** Who of the base's seats may read this. */
  readonly seats: readonly HumanSeat[];
}

/** Seats that act for the whole city rather than for one county. */
const citywideSeats = humanSeats.filter((seat) => !countyScopedSeats.includes(seat));

/**
 * Who reads what of the audit routes (docs/decisions/0051-auditor-api-and-jobs.md). The domain's tables
 * give auditors no command and every seat the towns' records (infra/auth/access-rules.ts); these rules
 * only narrow those reads, never widen them.
 */
export const auditReadRules: Readonly<Record<AuditResource, AuditReadRule>> = {
  // A town's record with its hashes, or its state on a date, is its history read another way.
  'audit-town': { base: 'town-history', seats: readRules['town-history'].seats },
  // Every county's towns at once: not for a seat held for one county.
  'audit-programme': { base: 'programme-overview', seats: citywideSeats },
  // Verification, replay, re-decision and exports: the auditors' own work, and heavy.
  'audit-jobs': { base: 'programme-overview', seats: ['auditor'] },
};

const AUDIT_ACCESS = Symbol('AUDIT_ACCESS');

/** The route reads an audit resource: its base read for the global guard, then the audit rule. */
export function AuditReads(resource: AuditResource) {
  return applyDecorators(
    Reads(auditReadRules[resource].base),
    SetMetadata(AUDIT_ACCESS, resource),
    UseGuards(AuditAccessGuard),
  );
}

/** Runs after the global AuthGuard, which has already established the caller. */
@Injectable()
export class AuditAccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const resource = this.reflector.getAllAndOverride<AuditResource | undefined>(AUDIT_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const principal = requestContext(request).principal;
    if (!resource || !principal) throw new Error(`${request.method} ${request.path} has no audit rule`);
    if (!auditReadRules[resource].seats.includes(principal.seat)) {
      throw forbidden({
        allowed: false,
        code: 'READ_NOT_ALLOWED',
        details: { seat: principal.seat, resource },
      });
    }
    return true;
  }
}
