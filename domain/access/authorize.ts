/**
 * One decision for every way in: may this seat holder issue this command, or read this, of this target?
 * The seat comes from the domain's tables (commands: `*.permissions.ts`; reads: `read.permissions.ts`),
 * the county and the member unit from the holder's claim compared with the target's. The API asks it once
 * at its edge; the deciders check commands again inside the workflows with the same tables.
 */
import type { BatchCommandType } from '../batch/batch.commands';
import { batchCommandSeats } from '../batch/batch.permissions';
import type { ProgrammeCommandType } from '../programme/programme.commands';
import { programmeCommandSeats } from '../programme/programme.permissions';
import { roleNotAllowedDetails, seatNameDetails } from '../shared/seat-names';
import { seatScopes, type Seat } from '../shared/seats';
import type { TownCommandType } from '../town/town.commands';
import { townCommandSeats } from '../town/town.permissions';
import { readPermissions, type ReadResource } from './read.permissions';

export type CommandAction =
  | { readonly aggregate: 'town'; readonly type: TownCommandType }
  | { readonly aggregate: 'batch'; readonly type: BatchCommandType }
  | { readonly aggregate: 'programme'; readonly type: ProgrammeCommandType };

/** What is done to the running system rather than to the programme: training mode's clock. */
export type SystemOperation = 'move-training-clock';

export const systemOperationSeats: Readonly<Record<SystemOperation, readonly Seat[]>> = {
  'move-training-clock': ['administrator'],
};

export type Access =
  | { readonly kind: 'command'; readonly command: CommandAction }
  | { readonly kind: 'read'; readonly resource: ReadResource }
  | { readonly kind: 'operation'; readonly operation: SystemOperation };

/** Who asks: a seat, and the county or member unit their seat is held for (codes of the pack). */
export interface AccessSubject {
  readonly seat: Seat;
  readonly county?: string;
  readonly unit?: string;
}

/**
 * What the command acts on or the read reads, as far as it matters: the county a town belongs to, the
 * member unit an inspection is for. Absent: it belongs to no county (a batch, the programme) or names
 * no unit.
 */
export interface AccessTarget {
  readonly county?: string;
  readonly unit?: string;
}

/** How far an allowed read reaches: everything, or what belongs to one county (and what is public). */
export interface ReadScope {
  readonly county?: string;
}

export type DenialCode =
  'ROLE_NOT_ALLOWED' | 'READ_NOT_ALLOWED' | 'ACTOR_COUNTY_MISMATCH' | 'ACTOR_UNIT_MISMATCH';

export type AccessDecision =
  | { readonly allowed: true; readonly scope: ReadScope }
  | {
      readonly allowed: false;
      readonly code: DenialCode;
      readonly details: Readonly<Record<string, unknown>>;
    };

export function seatsForCommand(command: CommandAction): readonly Seat[] {
  switch (command.aggregate) {
    case 'town':
      return townCommandSeats[command.type];
    case 'batch':
      return batchCommandSeats[command.type];
    case 'programme':
      return programmeCommandSeats[command.type];
  }
}

/**
 * May the seat do this at all, whatever the target? Asked before the target is looked up, so a seat that
 * may not learns nothing about it (not even whether it exists).
 */
export function seatMayAttempt(subject: AccessSubject, access: Access): AccessDecision {
  return decideAccess(subject, access, {});
}

export function decideAccess(subject: AccessSubject, access: Access, target: AccessTarget): AccessDecision {
  switch (access.kind) {
    case 'command':
      return decideCommand(subject, access.command, target);
    case 'read':
      return decideRead(subject, access.resource, target);
    case 'operation':
      return decideOperation(subject, access.operation);
  }
}

function decideOperation(subject: AccessSubject, operation: SystemOperation): AccessDecision {
  const seats = systemOperationSeats[operation];
  if (seats.includes(subject.seat)) return { allowed: true, scope: {} };
  return denied('ROLE_NOT_ALLOWED', roleNotAllowedDetails(subject.seat, operation, seats));
}

function decideCommand(subject: AccessSubject, command: CommandAction, target: AccessTarget): AccessDecision {
  const seats = seatsForCommand(command);
  if (!seats.includes(subject.seat)) {
    return denied('ROLE_NOT_ALLOWED', roleNotAllowedDetails(subject.seat, command.type, seats));
  }
  const scope = seatScopes[subject.seat];
  if (scope === 'county' && target.county !== undefined && subject.county !== target.county) {
    return countyMismatch(subject, target.county);
  }
  if (scope === 'unit' && target.unit !== undefined && subject.unit !== target.unit) {
    return denied('ACTOR_UNIT_MISMATCH', { unit: target.unit, actorUnit: subject.unit ?? null });
  }
  return { allowed: true, scope: {} };
}

function decideRead(subject: AccessSubject, resource: ReadResource, target: AccessTarget): AccessDecision {
  switch (reachOf(subject, resource)) {
    case 'none':
      return denied('READ_NOT_ALLOWED', { seat: subject.seat, resource, ...seatNameDetails(subject.seat) });
    case 'all':
      return { allowed: true, scope: {} };
    case 'own-county':
      // A county's seat without its county reads nothing of any county.
      if (subject.county === undefined) return countyMismatch(subject, target.county ?? null);
      if (target.county !== undefined && target.county !== subject.county) {
        return countyMismatch(subject, target.county);
      }
      return { allowed: true, scope: { county: subject.county } };
  }
}

function reachOf(subject: AccessSubject, resource: ReadResource) {
  return subject.seat === 'system' ? 'none' : readPermissions[resource][subject.seat];
}

function countyMismatch(subject: AccessSubject, targetCounty: string | null): AccessDecision {
  // The message names no county (a token carries its code, not its name); the codes are for machines.
  return denied('ACTOR_COUNTY_MISMATCH', { county: subject.county ?? null, targetCounty });
}

function denied(code: DenialCode, details: Readonly<Record<string, unknown>>): AccessDecision {
  return { allowed: false, code, details };
}
