import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../../infra/config/app-config';
import { loadMetricsConfig } from '../../../infra/observability/metrics-config';
import { serveMetrics } from '../../../infra/observability/metrics-server';
import { ServiceMetrics } from '../../../infra/observability/service-metrics';

describe('metrics configuration', () => {
  it('serves nothing unless asked', () => {
    expect(loadMetricsConfig({})).toEqual({});
    expect(loadMetricsConfig({ TEMPORAL_METRICS_ADDRESS: '' })).toEqual({});
  });

  it('takes the SDK exporter address and the worker port', () => {
    expect(loadMetricsConfig({ TEMPORAL_METRICS_ADDRESS: '0.0.0.0:9464', METRICS_PORT: '9465' })).toEqual({
      temporalAddress: '0.0.0.0:9464',
      port: 9465,
    });
  });

  it('names the setting that is wrong', () => {
    expect(() => loadMetricsConfig({ TEMPORAL_METRICS_ADDRESS: '9464' })).toThrow(ConfigError);
    expect(() => loadMetricsConfig({ TEMPORAL_METRICS_ADDRESS: '9464' })).toThrow(/TEMPORAL_METRICS_ADDRESS/);
    expect(() => loadMetricsConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});

describe("the stand-alone worker's metrics server", () => {
  it('answers GET /metrics with the registry and nothing else', async () => {
    const metrics = new ServiceMetrics();
    metrics.appendConflicts.inc();
    const server = await serveMetrics(metrics, 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/^towns_event_store_append_conflicts_total 1$/m);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
