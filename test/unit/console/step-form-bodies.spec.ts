import {
  isRecord,
  oneItemPerCode,
  resolved,
  schemaNamed,
} from '../../../apps/console/src/step-forms/body-schemas';
import Ajv from 'ajv';
import bodies from '../../../apps/console/src/api/generated/request-bodies.json';
import { bodyFromValues } from '../../../apps/console/src/step-forms/form-values';

/**
 * The body schemas as the console's compiled validators hold them (those are ES modules, which this
 * runner does not load): the same JSON Schema, compiled here.
 */
const ajv = new Ajv({ strict: false, allErrors: true });
for (const format of ['nfc-text', 'date', 'date-time', 'uuid']) ajv.addFormat(format, true);
ajv.addSchema({ components: { schemas: bodies.schemas } }, 'bodies');
const conforms = (name: string, body: unknown): boolean => {
  const validate = ajv.getSchema(`bodies#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(body) === true;
};

/**
 * The step forms are drawn from the API's own body schemas: each kind of property must become a widget
 * whose values make a body the API's validator takes. Two did not, and their steps could not be sent.
 */
describe('step form bodies from their schemas', () => {
  it('draws yearly statistics as figures by name, and project progress as its four numbers', () => {
    const schema = schemaNamed('SubmitStatisticsDto');
    const properties = schema.properties ?? {};
    expect(isRecord(resolved(properties.statistics ?? {}))).toBe(true);
    expect(Object.keys(resolved(properties.projectProgress ?? {}).properties ?? {})).toEqual([
      'projectsPlanned',
      'projectsCompleted',
      'investmentPlannedYuan',
      'investmentCompletedYuan',
    ]);

    const figuresOnly = bodyFromValues(schema, {
      statistics: [
        { key: '总产值', value: 1_000_000 },
        { key: 'jobs', value: 500 },
      ],
      // The optional group left empty is left out, not sent half-filled.
      projectProgress: {},
    });
    expect(figuresOnly).toEqual({ statistics: { 总产值: 1_000_000, jobs: 500 } });
    expect(conforms('SubmitStatisticsDto', figuresOnly)).toBe(true);
    expect(conforms('SubmitStatisticsDto', { statistics: { jobs: 'many' } })).toBe(false);

    const withProgress = bodyFromValues(schema, {
      statistics: [{ key: 'output', value: 1 }],
      projectProgress: {
        projectsPlanned: 12,
        projectsCompleted: 7,
        investmentPlannedYuan: 600_000_000,
        investmentCompletedYuan: 350_000_000,
      },
    });
    expect(conforms('SubmitStatisticsDto', withProgress)).toBe(true);
  });

  it("asks an acceptance opinion's finding on each criterion, once each, and sends them as the API takes them", () => {
    const schema = schemaNamed('AcceptanceOpinionDto');
    const findings = schema.properties?.findings ?? {};
    const perCode = oneItemPerCode(findings);
    expect(perCode).toEqual({
      key: 'criterion',
      codes: ['targets-met', 'characteristic-town', 'renown', 'recognition'],
    });

    const body = bodyFromValues(schema, {
      recommendation: 'accept',
      opinion: '达到验收要求',
      findings: (perCode?.codes ?? []).map((criterion) => ({ criterion, met: true, finding: '已达到' })),
    });
    expect(conforms('AcceptanceOpinionDto', body)).toBe(true);
    // The validator is no formality: a criterion left out is refused.
    expect(
      conforms('AcceptanceOpinionDto', { ...body, findings: (body.findings as unknown[]).slice(1) }),
    ).toBe(false);
  });

  it('keeps arrays of codes (fast-track methods) as a choice of several, not items to fill in', () => {
    const approvals = schemaNamed('ProjectApprovalDto').properties ?? {};
    expect(resolved(approvals.fastTrack?.items ?? {}).type).toBe('string');
    expect(oneItemPerCode(approvals.fastTrack ?? {})).toBeUndefined();
  });
});
