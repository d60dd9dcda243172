/** Every workflow the worker registers. The worker bundles this file into the workflow sandbox. */
export { townWorkflow } from './town/town.workflow';
export { batchWorkflow } from './batch/batch.workflow';
export { programmeWorkflow } from './programme/programme.workflow';
export { checkpointLedgerWorkflow } from './audit/checkpoint-ledger.workflow';
export { auditJobFilesWorkflow, auditJobWorkflow } from './audit/audit-job.workflow';
