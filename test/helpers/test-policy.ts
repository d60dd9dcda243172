import { formatLocalDate, localDateOf } from '../../domain/calendar/shanghai-calendar';
import { pingxiang2017 } from '../../domain/policy/packs/pingxiang-2017';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { rehearsalOf } from '../../domain/policy/rehearsal-calendar';

/**
 * The Pingxiang rules (or another edition of them) with the first application window opening today (Shanghai), for tests that run
 * on a real-time Temporal server: the 2017 calendar itself is long past.
 */
export function pingxiangRehearsalOpeningToday(pack: PolicyPack = pingxiang2017): PolicyPack {
  return rehearsalOf(pack, formatLocalDate(localDateOf(new Date().toISOString())));
}
