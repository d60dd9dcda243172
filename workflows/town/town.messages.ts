import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { TownCommand, TownState } from '../../domain/town';
import type { RecordedStep, StepMeta } from '../shared/stream-command-runner';

/** Defined once, imported by the workflow and by every caller (API, tests, tools). */

export interface TownWorkflowInput {
  readonly townId: string;
  /**
   * The whole pack the town is run under, not just its id: packs are data the joint meeting can change
   * without a code change, and the workflow's own history then says exactly which rules applied.
   */
  readonly policy: PolicyPack;
}

export interface TownCommandRequest {
  readonly command: TownCommand;
  readonly meta: StepMeta;
}

export interface TownView {
  readonly townId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly streamVersion: number;
  readonly state: TownState;
}

/** Every official step on a town: validated synchronously by the town decider, then recorded. */
export const townCommandUpdate = defineUpdate<RecordedStep, [TownCommandRequest]>('townCommand');

export const townViewQuery = defineQuery<TownView>('townView');

export function townWorkflowId(townId: string): string {
  return `town-${townId}`;
}

export function townStream(townId: string): string {
  return `town-${townId}`;
}
