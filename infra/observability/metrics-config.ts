import { z } from 'zod';
import { parseSettings } from '../config/app-config';

const hostAndPort = /^[\w.-]+:\d{1,5}$|^\[[\da-fA-F:]+\]:\d{1,5}$/;

const metricsEnv = z.object({
  TEMPORAL_METRICS_ADDRESS: z
    .string()
    .regex(hostAndPort, 'must be host:port, e.g. 0.0.0.0:9464')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

export interface MetricsConfig {
  /** Where the Temporal SDK's runtime serves its worker metrics for Prometheus; unset: not served. */
  readonly temporalAddress?: string;
  /** The stand-alone worker's own /metrics port (the API serves its own at /metrics); unset: none. */
  readonly port?: number;
}

export function loadMetricsConfig(env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  const { TEMPORAL_METRICS_ADDRESS: temporalAddress, METRICS_PORT: port } = parseSettings(metricsEnv, env);
  return { ...(temporalAddress ? { temporalAddress } : {}), ...(port ? { port } : {}) };
}
