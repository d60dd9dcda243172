import { z } from 'zod';
import { ConfigError, parseSettings } from '../config/app-config';

const httpUrl = z.string().refine(isHttpUrl, 'must be an http(s) URL, e.g. http://collector:4318');

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const unsetWhenEmpty = <T extends z.ZodTypeAny>(schema: T) =>
  schema.optional().or(z.literal('').transform(() => undefined));

const tracingEnv = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetWhenEmpty(httpUrl),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: unsetWhenEmpty(httpUrl),
  OTEL_SERVICE_NAME: z.string().optional(),
});

/** Where a process's traces go (OTLP HTTP/protobuf), and under which name; absent: tracing is off. */
export interface TracingConfig {
  readonly url: string;
  readonly serviceName?: string;
}

/**
 * The OpenTelemetry settings, checked with the rest before anything starts. Tracing is on when either
 * endpoint is set: the traces' own endpoint is used as it is, the general one gets the signal's path
 * (OTLP's rule). A service name is only of use with an endpoint.
 */
export function loadTracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig | undefined {
  const e = parseSettings(tracingEnv, env);
  const serviceName = e.OTEL_SERVICE_NAME?.trim();
  if (e.OTEL_SERVICE_NAME !== undefined && !serviceName)
    throw new ConfigError([`OTEL_SERVICE_NAME=${JSON.stringify(e.OTEL_SERVICE_NAME)}: must not be blank`]);
  const url =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  if (!url) return undefined;
  return { url, ...(serviceName ? { serviceName } : {}) };
}
