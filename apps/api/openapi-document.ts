import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ParameterObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { policyIds } from '../../domain/policy/policy-registry';
import { conditionsFor } from '../../domain/shared/application-rules';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { REVIEW_YEARS } from './http/path-checks';
import { textFormat, textSchema } from './http/text-field';
import { uuidProperty } from './http/uuid';

/**
 * The OpenAPI document, saying what the server enforces and no less: besides what the routes' and
 * DTOs' decorators declare, the codes the policy pack knows (counties, industries, batches, rewards,
 * plan documents, defence criteria, member units, ratings), the ids' form, that a command body has no
 * other fields than its own, and which options each kind of audit job takes. Schemathesis holds the
 * server to it (`npm run test:fuzz`).
 */
export function openApiDocument(app: INestApplication, policy: PolicyPack): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Characteristic towns (特色小镇) programme API')
      .setDescription(
        'Officials apply for towns and drive their lifecycle; auditors read every fact, and run long checks ' +
          '(`/api/audit/jobs`) as jobs they poll. Every route but health and these documents needs a bearer ' +
          'token (`npm run token` mints one locally). Errors are `application/problem+json` with a stable ' +
          '`code`; send `Accept-Language: zh` for Chinese messages.\n\n' +
          `Every text (format \`${textFormat}\`), property names included, is well-formed Unicode in ` +
          'normalisation form C without control characters but tab, line feed and carriage return; other ' +
          'text is refused with 400 naming the field. Bodies are UTF-8 JSON, uncompressed, at most 100 kB ' +
          'and 32 levels deep. Bytes that are not UTF-8, in a body or percent-encoded in a path or query, are ' +
          'refused with 400 `TEXT_NOT_WELL_FORMED` naming the `body` or the parameter.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  refineParameters(document, policy);
  refineSchemas(document, policy);
  closeRequestBodies(document);
  return document;
}

type Schemas = Record<string, SchemaObject>;

function schemasOf(document: OpenAPIObject): Schemas {
  return (document.components?.schemas ?? {}) as Schemas;
}

function parametersOf(document: OpenAPIObject): ParameterObject[] {
  return Object.values(document.paths).flatMap((item) =>
    Object.values(item as Record<string, { parameters?: ParameterObject[] }>).flatMap(
      (operation) => operation.parameters ?? [],
    ),
  );
}

const enumOf = (values: readonly string[]): SchemaObject => ({ type: 'string', enum: [...new Set(values)] });

/** How a county may be named (code, Chinese name, alias), as `findCounty` accepts it. */
function countyNames(policy: PolicyPack): string[] {
  return policy.counties.flatMap((county) => [county.code, county.nameZh, ...county.aliases]);
}

function refineParameters(document: OpenAPIObject, policy: PolicyPack): void {
  const byName: Readonly<Record<string, Partial<Record<ParameterObject['in'], SchemaObject>>>> = {
    townId: { path: uuidProperty },
    jobId: { path: uuidProperty },
    batchId: { path: enumOf(policy.batches.map((batch) => batch.id)) },
    reward: { path: enumOf(policy.rewards.map((reward) => reward.code)) },
    year: { path: { type: 'integer', minimum: REVIEW_YEARS.first, maximum: REVIEW_YEARS.last } },
    name: { path: textSchema({ maxLength: 500 }) },
    projectId: { path: textSchema({ maxLength: 100 }) },
    county: { query: enumOf(countyNames(policy)) },
    batch: { query: enumOf(policy.batches.map((batch) => batch.id)) },
    rating: { query: enumOf(policy.yearlyReview.ratings.map((rating) => rating.code)) },
    'Idempotency-Key': { header: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' } },
    'X-Min-Position': { header: { type: 'string', pattern: '^\\d{1,19}$' } },
    'X-Request-Id': { header: { type: 'string' } },
  };
  for (const parameter of parametersOf(document)) {
    const schema = byName[parameter.name]?.[parameter.in];
    if (schema) parameter.schema = { ...schema };
  }
}

function refineSchemas(document: OpenAPIObject, policy: PolicyPack): void {
  const schemas = schemasOf(document);
  const property: Refine = (schema, name, value) => {
    const properties = schemas[schema]?.properties;
    if (!properties?.[name]) throw new Error(`The document has no ${schema}.${name} to refine`);
    const generated = properties[name] as SchemaObject;
    const description: unknown = generated.description;
    const example: unknown = generated.example;
    properties[name] = {
      ...value,
      ...(typeof description === 'string' ? { description } : {}),
      ...(example === undefined ? {} : { example }),
    };
  };
  const { criteria, maxCriterionScore } = policy.selection;
  const documents = policy.planning.documents.map((entry) => entry.code);

  property('ApplyForTownDto', 'county', enumOf(countyNames(policy)));
  const listedIndustries = policy.industries.flatMap((industry) => [industry.code, industry.nameZh]);
  const openIndustries = policy.application?.otherIndustries === true;
  property(
    'ApplyForTownDto',
    'industry',
    enumOf([...listedIndustries, ...(openIndustries ? ['other'] : [])]),
  );
  const conditions = policy.application?.conditions ?? [];
  property('ApplyForTownDto', 'declarations', {
    type: 'object',
    properties: Object.fromEntries(
      conditions.map((condition) => [condition.code, textSchema({ maxLength: 500 })]),
    ),
    additionalProperties: false,
  });
  // `other` is described, a listed industry is not (§II.2 "等"): the one rule across two fields.
  const application = schemas.ApplyForTownDto;
  if (application) {
    application.anyOf = [
      {
        properties: { industry: enumOf(listedIndustries) },
        not: { required: ['industryDescription'] },
      },
      ...(openIndustries
        ? [
            {
              // Described: not blank, as for any required text (400 INDUSTRY_DESCRIPTION_REQUIRED).
              properties: {
                industry: enumOf(['other']),
                industryDescription: textSchema({ maxLength: 200 }),
              },
              required: ['industryDescription'],
            },
          ]
        : []),
    ];
  }
  if (application && conditions.some((condition) => condition.kinds !== undefined)) {
    // A condition the pack sets for some kinds only is declared by those kinds only (400 otherwise).
    application.allOf = [
      {
        anyOf: policy.candidateKinds.map((kind) => ({
          properties: {
            kind: enumOf([kind.code]),
            declarations: {
              type: 'object',
              properties: Object.fromEntries(
                conditionsFor(policy, kind.code).map((condition) => [
                  condition.code,
                  textSchema({ maxLength: 500 }),
                ]),
              ),
              additionalProperties: false,
            },
          },
        })),
      },
    ];
  }
  const everyKind = conditions.filter((condition) => condition.kinds === undefined);
  property('DefenceScoreDto', 'conditions', {
    type: 'object',
    properties: Object.fromEntries(conditions.map((condition) => [condition.code, { type: 'boolean' }])),
    // Those for every kind are always found on; the others depend on the applicant's kind (422 if not).
    ...(everyKind.length > 0 ? { required: everyKind.map((condition) => condition.code) } : {}),
    additionalProperties: false,
  });
  refineMeasures(schemas, property, policy);
  property('ApplyForTownDto', 'batchId', enumOf(policy.batches.map((batch) => batch.id)));
  property('DefenceScoreDto', 'scores', {
    type: 'object',
    properties: Object.fromEntries(
      criteria.map((criterion) => [
        criterion.code,
        { type: 'number', minimum: 0, maximum: maxCriterionScore, description: criterion.nameZh },
      ]),
    ),
    required: criteria.map((criterion) => criterion.code),
    additionalProperties: false,
  });
  property('SubmitPlanDto', 'documents', {
    type: 'object',
    properties: Object.fromEntries(documents.map((code) => [code, textSchema({ maxLength: 500 })])),
    required: documents,
    additionalProperties: false,
  });
  property(
    'SiteInspectionDto',
    'unit',
    enumOf(policy.memberUnits.flatMap((unit) => [unit.code, unit.nameZh])),
  );
  schemas.StartAuditJobDto = auditJobRequest(schemas.StartAuditJobDto, [...policyIds, policy.id]);
}

type Refine = (schema: string, name: string, value: SchemaObject) => void;

/** The codes of §III's measures and §IV.4's criteria, where the pack models them. */
function refineMeasures(schemas: Schemas, property: Refine, policy: PolicyPack): void {
  const { measures } = policy;
  if (measures) {
    property('RecordFundingDto', 'source', enumOf(measures.fundingSources.map((source) => source.code)));
    property(
      'ProjectApprovalDto',
      'procedure',
      enumOf(measures.approvalProcedures.map((procedure) => procedure.code)),
    );
    property('ProjectApprovalDto', 'fastTrack', {
      type: 'array',
      items: enumOf(measures.fastTrackMethods.map((method) => method.code)),
      maxItems: 20,
    });
    // Fast-track methods belong to the green channel only.
    const approval = schemas.ProjectApprovalDto;
    if (approval) {
      approval.anyOf = [
        { properties: { greenChannel: { type: 'boolean', enum: [true] } } },
        { properties: { fastTrack: { type: 'array', maxItems: 0 } } },
      ];
    }
    // Where the pack records the area and the document, both are required, and the document not blank.
    const land = schemas.LandGrantDto;
    if (land && measures.landGrantArea) {
      land.required = ['areaMu', 'reference'];
      property('LandGrantDto', 'reference', textSchema({ maxLength: 200 }));
    }
  }
  refineAcceptanceFindings(schemas, property, policy);
}

/**
 * §IV.4's findings: where the pack sets criteria, the opinion gives one on each (the decider refuses it
 * otherwise), so as many findings as criteria, each a criterion of the pack; where it sets none, none.
 * That no criterion is given twice is said in words: OpenAPI 3.0 cannot relate one item to another.
 */
function refineAcceptanceFindings(schemas: Schemas, property: Refine, policy: PolicyPack): void {
  const codes = (policy.finalAcceptance.criteria ?? []).map((criterion) => criterion.code);
  const findings = schemas.AcceptanceOpinionDto?.properties?.findings as SchemaObject | undefined;
  if (!findings) throw new Error('The document has no AcceptanceOpinionDto.findings to refine');
  if (codes.length === 0) {
    findings.maxItems = 0;
    return;
  }
  property('AcceptanceFindingDto', 'criterion', enumOf(codes));
  findings.minItems = codes.length;
  findings.maxItems = codes.length;
  // An item's own example names one criterion; the list's names each once, as the list must.
  findings.example = codes.map((criterion) => ({ criterion, met: true, finding: '已达到' }));
  const opinion = schemas.AcceptanceOpinionDto;
  if (opinion) opinion.required = [...new Set([...(opinion.required ?? []), 'findings'])];
}

/** One body per kind of audit job, with the options that kind takes and no other. */
function auditJobRequest(generated: SchemaObject | undefined, packs: readonly string[]): SchemaObject {
  const properties = (generated?.properties ?? {}) as Record<string, SchemaObject>;
  const option = (name: string, override?: SchemaObject) => {
    const base = properties[name];
    if (!base) throw new Error(`StartAuditJobDto has no ${name}`);
    return { ...base, ...override };
  };
  const kind = (name: string, options: Record<string, SchemaObject>): SchemaObject => ({
    type: 'object',
    properties: { kind: { type: 'string', enum: [name] }, ...options },
    required: ['kind'],
    additionalProperties: false,
  });
  return {
    description: generated?.description,
    oneOf: [
      kind('verify', {}),
      kind('export', { townId: option('townId') }),
      kind('replay', { workflowIds: option('workflowIds') }),
      kind('redecide', {
        townId: option('townId'),
        whatIf: option('whatIf', enumOf(packs)),
      }),
    ],
  };
}

/**
 * Every body schema (and what it nests) admits only its own properties: the validation pipe refuses any
 * other field with 400 UNKNOWN_FIELD, so the document says so.
 */
function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = schemasOf(document);
  const seen = new Set<string>();
  const pending: string[] = Object.values(document.paths).flatMap((item) =>
    Object.values(
      item as Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>,
    )
      .flatMap((operation) => Object.values(operation.requestBody?.content ?? {}))
      .flatMap((media) => referencesIn(media.schema)),
  );
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const schema = schemas[name];
    if (!schema) continue;
    if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    pending.push(...referencesIn(schema));
  }
}

function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string'
      ? [inner.replace('#/components/schemas/', '')]
      : referencesIn(inner),
  );
}
