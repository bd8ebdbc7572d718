/**
 * The HPA's resource metrics client (pkg/controller/podautoscaler/metrics/client.go): it lists
 * PodMetrics from `metrics.k8s.io` through the API server, as the real controller does through
 * the aggregator, and sums each pod's containers for one resource.
 */
import type { ApiClient } from '../../runtime/informer.ts';
import type { KubeObject } from '../../api/types.ts';
import { milliValue, parseQuantity } from '../../api/validation/quantity.ts';
import type { PodMetricsInfo } from './replica-calculator.ts';

/** What one list of PodMetrics gave: per-pod values and the first item's timestamp, or an error text. */
export type ResourceMetrics = { metrics: PodMetricsInfo; timestamp: number } | { error: string };

/** Go's `time.ParseDuration` for the windows metrics-server writes (`15s`, `14.8s`, `1m0s`). */
export function parseWindow(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([\d.]+)(ms|s|m|h)/g)) {
    total += Number(amount) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit] ?? 0);
  }
  return total;
}

/** How client-go words a failed request to the metrics API. */
function requestError(response: { status: number; body?: unknown }): string {
  const message = (response.body as { message?: string } | undefined)?.message ?? `an error on the server has prevented the request from succeeding`;
  // The aggregator answers a missing group with a bare 404; client-go names the request it made.
  return message === 'the server could not find the requested resource' ? `${message} (get pods.metrics.k8s.io)` : message;
}

/** `GetResourceMetric`: the pods' usage of `resource` (milli-units), from a list filtered by `selector`. */
export function getResourceMetric(api: ApiClient, resource: string, namespace: string, selector: string): ResourceMetrics {
  const query: Record<string, string> = selector ? { labelSelector: selector } : {};
  const response = api.handle({ method: 'GET', path: `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`, query });
  if (response.status >= 300) return { error: `unable to fetch metrics from resource metrics API: ${requestError(response)}` };
  const items = ((response.body as { items?: KubeObject[] }).items ?? []);
  if (!items.length) return { error: 'no metrics returned from resource metrics API' };
  const metrics: PodMetricsInfo = new Map();
  for (const item of items) {
    const containers = (item.containers ?? []) as { usage?: Record<string, string> }[];
    let sum = 0;
    // A pod with a container that lacks the resource is left out entirely.
    let missing = containers.length === 0;
    for (const c of containers) {
      const value = c.usage?.[resource];
      if (value === undefined) { missing = true; break; }
      sum += milliValue(parseQuantity(value));
    }
    if (!missing) metrics.set(item.metadata.name!, { timestamp: Date.parse(String(item.timestamp)), windowMs: parseWindow(String(item.window)), value: sum });
  }
  return { metrics, timestamp: Date.parse(String(items[0].timestamp)) };
}
