import { trace } from '@opentelemetry/api';
import { currentTracing, startTracingFromEnvironment } from '../../../infra/observability/tracing';
import { tracingClientInterceptors } from '../../../infra/temporal/temporal-tracing';

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
});
