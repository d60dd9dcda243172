import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { currentTracing, startTracingWith } from '../../../infra/observability/tracing';
import { loadTracingConfig } from '../../../infra/observability/tracing-config';
import { ConfigError } from '../../../infra/config/app-config';
import { tracingClientInterceptors } from '../../../infra/temporal/temporal-tracing';

/** What a process does: its settings read from the environment, then tracing started from them. */
const startTracingFromEnvironment = (name: string, env: NodeJS.ProcessEnv) =>
  startTracingWith(loadTracingConfig(env), name);

describe('tracing from the environment', () => {
  afterEach(() => currentTracing()?.shutdown());

  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT: nothing registered, no interceptor', () => {
    expect(
      startTracingFromEnvironment('characteristic-towns-api', { OTEL_SERVICE_NAME: 'x' }),
    ).toBeUndefined();
    expect(currentTracing()).toBeUndefined();
    expect(tracingClientInterceptors()).toEqual({});
    expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
  });

  it("is on with an endpoint, named by OTEL_SERVICE_NAME or the process's default", async () => {
    const endpoint = 'http://127.0.0.1:4318';
    const named = startTracingFromEnvironment('characteristic-towns-api', {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'towns-luxi',
    });
    expect(named?.resource.attributes['service.name']).toBe('towns-luxi');
    expect(currentTracing()).toBe(named);
    expect(tracingClientInterceptors().workflow).toHaveLength(1);
    await named?.shutdown();
    expect(currentTracing()).toBeUndefined();

    const unnamed = startTracingFromEnvironment('characteristic-towns-worker', {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });
    expect(unnamed?.serviceName).toBe('characteristic-towns-worker');
  });

  it('exports spans over OTLP HTTP/protobuf to the endpoint, flushed at shutdown', async () => {
    const received: Array<{ url: string | undefined; type: string | undefined; bytes: number }> = [];
    const collector = createServer((request: IncomingMessage, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        received.push({ url: request.url, type: request.headers['content-type'], bytes });
        response.end();
      });
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
    try {
      const { port } = collector.address() as AddressInfo;
      const tracing = startTracingFromEnvironment('characteristic-towns-api', {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/`,
      });
      trace.getTracer('test').startSpan('a step').end();
      await tracing?.shutdown();
      expect(received).toEqual([
        { url: '/v1/traces', type: 'application/x-protobuf', bytes: expect.any(Number) },
      ]);
      expect(received[0]?.bytes).toBeGreaterThan(0);
    } finally {
      collector.close();
    }
  });
});

describe('the tracing settings', () => {
  it('are off when no endpoint is set, or set empty', () => {
    expect(loadTracingConfig({})).toBeUndefined();
    expect(
      loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_SERVICE_NAME: 'towns' }),
    ).toBeUndefined();
  });

  it("send to the general endpoint's /v1/traces, or to the traces' own endpoint as given", () => {
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({
      url: 'http://collector:4318/v1/traces',
    });
    expect(
      loadTracingConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
        OTEL_SERVICE_NAME: ' towns-luxi ',
      }),
    ).toEqual({ url: 'https://traces.example/otlp', serviceName: 'towns-luxi' });
    expect(
      loadTracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }),
    ).toEqual({ url: 'http://collector:4318/v1/traces' });
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'grpc://collector:4317'],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'not a url'],
    ['OTEL_SERVICE_NAME', '  '],
  ])('refuse %s=%j, naming it (SETTING_INVALID)', (name, value) => {
    const refused = (() => {
      try {
        loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', [name]: value });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused).toMatchObject({
      code: 'SETTING_INVALID',
      message: expect.stringMatching(new RegExp(`^${name}=`)),
    });
  });
});
