import { Runtime } from '@temporalio/worker';

/**
 * The Temporal SDK's own worker metrics (task slots, poll latencies, sticky cache, activity and workflow
 * task outcomes) from its runtime's Prometheus exporter, at `address`. The runtime is made once per
 * process, before any connection: call this first.
 */
export function installTemporalMetrics(address: string): void {
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: address } } } });
}
