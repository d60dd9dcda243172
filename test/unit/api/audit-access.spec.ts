import { auditReadRules, auditResources } from '../../../apps/api/audit/audit-access';
import { readRules } from '../../../infra/auth/access-rules';
import { humanSeats } from '../../../infra/auth/principal';

describe('who reads the audit routes', () => {
  it.each(auditResources)('%s never widens the read it refines', (resource) => {
    const rule = auditReadRules[resource];
    for (const seat of rule.seats) expect(readRules[rule.base].seats).toContain(seat);
  });

  it('gives every seat its towns’ records, the whole programme to citywide seats, jobs to auditors', () => {
    const readers = Object.fromEntries(
      auditResources.map((resource) => [
        resource,
        humanSeats.filter((seat) => auditReadRules[resource].seats.includes(seat)),
      ]),
    );
    expect(readers).toEqual({
      'audit-town': humanSeats,
      'audit-programme': humanSeats.filter((seat) => seat !== 'county-official'),
      'audit-jobs': ['auditor'],
    });
  });
});
