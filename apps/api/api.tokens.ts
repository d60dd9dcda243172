import type { Client } from '@temporalio/client';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { EventStore } from '../../infra/event-store/event-store.port';

/** Typed DI tokens: the API receives its Temporal client and store; it never builds them itself. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const API_SETTINGS = Symbol('API_SETTINGS');

export interface ApiSettings {
  readonly taskQueue: string;
  /** The programme's rules; every town started through this API runs under them. */
  readonly policy: PolicyPack;
}

export interface ApiDependencies {
  readonly client: Client;
  readonly store: EventStore;
  readonly settings: ApiSettings;
}
