import { api } from '../api/api-client';
import type { components, paths } from '../api/generated/openapi';
import { unwrap } from '../api/problem';
import type { RecordedStep } from './town-steps';

type Schemas = components['schemas'];

/** The document lists the pack's batches; the page's own id is one of them or the API answers 404. */
export type BatchIdPath = paths['/api/batches/{batchId}']['get']['parameters']['path']['batchId'];
export const batchIdPath = (batchId: string) => batchId as BatchIdPath;

export interface BatchStepTarget {
  readonly batchId: string;
  readonly idempotencyKey: string;
}

export interface BatchStep<Body> {
  /** The operation, as the API documents it: its body schema and validator are looked up by it. */
  readonly operation: string;
  send(target: BatchStepTarget, body: Body): Promise<RecordedStep>;
}

const options = (target: BatchStepTarget) => ({
  params: { path: { batchId: batchIdPath(target.batchId) } },
  headers: { 'Idempotency-Key': target.idempotencyKey },
});

/** The joint meeting's steps on a batch: its documented operation and the typed call that sends it. */
export const batchSteps = {
  RecordDefenceScore: {
    operation: 'post /api/batches/{batchId}/defence-scores',
    send: (target, body: Schemas['DefenceScoreDto']) =>
      unwrap(api.POST('/api/batches/{batchId}/defence-scores', { ...options(target), body })),
  },
  DecideList: {
    operation: 'post /api/batches/{batchId}/list-decision',
    send: (target, body: Schemas['ListDecisionDto']) =>
      unwrap(api.POST('/api/batches/{batchId}/list-decision', { ...options(target), body })),
  },
  PublishList: {
    operation: 'post /api/batches/{batchId}/publication',
    send: (target, body: Schemas['PublicationDto']) =>
      unwrap(api.POST('/api/batches/{batchId}/publication', { ...options(target), body })),
  },
} satisfies Record<string, BatchStep<never>>;

export type BatchStepType = keyof typeof batchSteps;

export function isBatchStep(type: string): type is BatchStepType {
  return Object.hasOwn(batchSteps, type);
}
