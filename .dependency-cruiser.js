/**
 * The one import rule (docs/architecture.md): arrows point only down
 *   apps/ → activities/, workflows/, audit/, infra/, domain/
 *   activities/ → audit/, domain/, infra/ (ports and adapters' types)
 *   workflows/ → domain/, activities/ (types only: `import type`)
 *   audit/ (the auditors' use cases) → domain/, infra/
 *   infra/ (adapters only) → domain/
 *   domain/ → nothing of ours but domain/
 * test/ and bench/ may import everything; nothing imports them.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(apps|workflows|activities|audit|infra|test|bench)/' },
    },
    {
      name: 'domain-no-node-or-io',
      severity: 'error',
      from: { path: '^(domain|workflows|bench/lifecycle/bare-town)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'infra-only-domain',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(apps|workflows|activities|audit|test|bench)/' },
    },
    {
      name: 'audit-use-cases-below-apps',
      comment:
        "The auditors' use cases compose the domain's pure audit logic with infra's adapters; apps/ and activities/ (the worker's audit jobs) call them.",
      severity: 'error',
      from: { path: '^audit/' },
      to: { path: '^(apps|workflows|activities|test|bench)/' },
    },
    {
      name: 'activities-below-apps',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^(apps|workflows|test|bench)/' },
    },
    {
      name: 'workflows-no-infra-or-apps',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^(apps|audit|infra|test|bench)/' },
    },
    {
      name: 'bench-workflows-are-workflows',
      comment:
        "The lifecycle benchmark's bare workflows are bundled into the sandbox too: no adapters, no activities' code.",
      severity: 'error',
      from: { path: '^bench/lifecycle/bare-town/' },
      to: { path: '^(apps|audit|infra|activities|test)/|^bench/(?!lifecycle/bare-town/)' },
    },
    {
      name: 'workflows-see-activity-types-only',
      comment:
        'Workflow code is bundled into the sandbox: activities are referenced by type (proxyActivities<typeof ...>).',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { pathNot: '^(test|bench)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'console-speaks-http-only',
      comment:
        'The web console runs in the browser: it reaches the server through the generated API client, never by import.',
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { path: '^(apps/(?!console/)|workflows|activities|audit|infra|domain|scripts)/' },
    },
    {
      name: 'api-features-meet-at-their-index',
      comment:
        "An API feature folder uses another feature only through that feature's index.ts; what several features share lives in apps/api/shared/ (or auth, commands, errors, http, idempotency, read-models).",
      severity: 'error',
      from: { path: '^apps/api/([^/]+)/' },
      to: {
        path: '^apps/api/(audit|batches|console|deadlines|dev-sign-in|health|my-work|policy|programme|town-progress|towns|training)/',
        pathNot: ['^apps/api/$1/', '^apps/api/[^/]+/index\\.ts$'],
      },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|tools|data)/|^apps/console/(dist|src/api/generated)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
