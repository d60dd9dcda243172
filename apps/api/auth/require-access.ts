import { decideAccess, type Access, type AccessTarget } from '../../../infra/auth/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { forbidden } from './access-problems';

/** The county half of the check, once the route knows what it acts on; throws 403 when denied. */
export function requireAccess(principal: Principal, access: Access, target: AccessTarget): void {
  const decision = decideAccess(principal, access, target);
  if (!decision.allowed) throw forbidden(decision);
}
