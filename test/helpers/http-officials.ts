import request from 'supertest';
import type { App } from 'supertest/types';
import type { CandidateKindCode, PolicyPack } from '../../domain/policy/policy-pack.schema';
import { conditionFindings } from '../../apps/simulate/programme-officials';
import type { TestAuth } from './running-system';

/** A bearer token for each seat that acts in the programme (county officials per county). */
export async function seatTokens(auth: TestAuth) {
  const county = async (code: string) =>
    auth.tokenFor({ userId: `county-${code}`, seat: 'county-official', county: code }, { ttlSeconds: 3600 });
  const seat = async (
    seatName: 'joint-meeting-office' | 'joint-meeting-secretary' | 'finance-bureau' | 'land-resources-bureau',
  ) => auth.tokenFor({ userId: `${seatName}-1`, seat: seatName }, { ttlSeconds: 3600 });
  return {
    luxi: await county('luxi'),
    shangli: await county('shangli'),
    office: await seat('joint-meeting-office'),
    secretary: await seat('joint-meeting-secretary'),
    finance: await seat('finance-bureau'),
    land: await seat('land-resources-bureau'),
    /** The construction bureau's inspector; the development and reform commission's is `reformInspector`. */
    inspector: await auth.tokenFor(
      { userId: 'inspector-construction-1', seat: 'member-unit-inspector', unit: 'construction' },
      { ttlSeconds: 3600 },
    ),
    reformInspector: await auth.tokenFor(
      { userId: 'inspector-development-reform-1', seat: 'member-unit-inspector', unit: 'development-reform' },
      { ttlSeconds: 3600 },
    ),
    auditor: await auth.tokenFor({ userId: 'auditor-1', seat: 'auditor' }, { ttlSeconds: 3600 }),
  };
}

export type SeatTokens = Awaited<ReturnType<typeof seatTokens>>;

/** The office's findings at a defence: every application condition of the pack confirmed. */
export function conditionsConfirmed(
  policy: PolicyPack,
  kind: CandidateKindCode = 'administrative-town',
): Record<string, boolean> {
  return conditionFindings(policy, kind);
}

/** Luxi's application for the Mashan town: the body of `POST /api/towns` most tests start from. */
export const mashanApplication = {
  name: '麻山汽车风情小镇',
  county: '芦溪县',
  kind: 'administrative-town',
  industry: 'leisure-tourism',
  batchId: '2017',
} as const;

/** The same score on every criterion of the pack, so the weighted score is that score. */
export function defenceScores(policy: PolicyPack, score: number): Record<string, number> {
  return Object.fromEntries(policy.selection.criteria.map((criterion) => [criterion.code, score]));
}

export const planDocuments = (townId: string) => ({
  'special-plan': `doc://${townId}/special-plan`,
  'work-plan': `doc://${townId}/work-plan`,
});

export const yearlyStatistics = (year: number) => ({
  statistics: { output: 1_000_000 * year, jobs: 500 },
  projectProgress: {
    projectsPlanned: 12,
    projectsCompleted: 7,
    investmentPlannedYuan: 600_000_000,
    investmentCompletedYuan: 350_000_000,
  },
});

/** Officials acting over HTTP only: each call is one request with the seat's token. */
export function httpOfficials(http: App) {
  return {
    post: (path: string, token: string, body: object = {}) =>
      request(http).post(path).auth(token, { type: 'bearer' }).send(body),
    get: (path: string, token: string) => request(http).get(path).auth(token, { type: 'bearer' }),
  };
}
