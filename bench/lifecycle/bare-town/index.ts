/**
 * The benchmark's workflows, bundled and registered only by the benchmark's own worker
 * (bench/lifecycle/bare-worker.ts): the product's worker bundles workflows/index.ts, which does not export these.
 */
export { bareTownWorkflow } from './bare-town.workflow';
