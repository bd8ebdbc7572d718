/**
 * Conversion between the served versions of a resource and the one version it is stored in:
 * HorizontalPodAutoscaler is stored as autoscaling/v2 and also served as v1; events.k8s.io/v1
 * Events are a view of core v1 Events.
 */
import type { ResourceInfo } from './registry.ts';
import type { KubeObject } from './types.ts';

type Loose = Record<string, unknown>;

/** The version an object of this resource is stored in. */
export function storageVersion(info: ResourceInfo): { apiVersion: string; kind: string } {
  if (info.group === 'autoscaling' && info.resource === 'horizontalpodautoscalers') return { apiVersion: 'autoscaling/v2', kind: info.kind };
  if (info.group === 'events.k8s.io' && info.resource === 'events') return { apiVersion: 'v1', kind: 'Event' };
  return { apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: info.kind };
}

/** Convert a request object in the served version into the storage version. */
export function toStorage(info: ResourceInfo, object: KubeObject): KubeObject {
  const target = storageVersion(info);
  if (info.group === 'autoscaling' && info.version === 'v1') return hpaV1ToV2(object);
  if (info.group === 'events.k8s.io') return eventsV1ToCore(object);
  return { ...object, apiVersion: target.apiVersion, kind: target.kind };
}

/** Convert a stored object into the version the request asked for. */
export function fromStorage(info: ResourceInfo, object: KubeObject): KubeObject {
  if (info.group === 'autoscaling' && info.version === 'v1') return hpaV2ToV1(object);
  if (info.group === 'events.k8s.io') return coreToEventsV1(object);
  return object;
}

function hpaV1ToV2(object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as Loose;
  const { targetCPUUtilizationPercentage, ...rest } = spec;
  const v2Spec: Loose = { ...rest };
  if (typeof targetCPUUtilizationPercentage === 'number') {
    v2Spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCPUUtilizationPercentage } } }];
  }
  const status = (object.status ?? undefined) as Loose | undefined;
  const out: KubeObject = { ...object, apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec: v2Spec };
  if (status) {
    const { currentCPUUtilizationPercentage, ...statusRest } = status;
    const v2Status: Loose = { ...statusRest };
    if (typeof currentCPUUtilizationPercentage === 'number') {
      v2Status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPUUtilizationPercentage } } }];
    }
    out.status = v2Status;
  }
  return out;
}

function cpuUtilization(metrics: unknown, side: 'target' | 'current'): number | undefined {
  if (!Array.isArray(metrics)) return undefined;
  for (const m of metrics as Loose[]) {
    const resource = m.resource as Loose | undefined;
    if (m.type === 'Resource' && resource?.name === 'cpu') {
      const value = (resource[side] as Loose | undefined)?.averageUtilization;
      if (typeof value === 'number') return value;
    }
  }
  return undefined;
}

function hpaV2ToV1(object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as Loose;
  const v1Spec: Loose = {};
  for (const key of ['scaleTargetRef', 'minReplicas', 'maxReplicas']) if (key in spec) v1Spec[key] = spec[key];
  const target = cpuUtilization(spec.metrics, 'target');
  if (target !== undefined) v1Spec.targetCPUUtilizationPercentage = target;
  const status = (object.status ?? {}) as Loose;
  const v1Status: Loose = {};
  for (const key of ['observedGeneration', 'lastScaleTime', 'currentReplicas', 'desiredReplicas']) if (key in status) v1Status[key] = status[key];
  const current = cpuUtilization(status.currentMetrics, 'current');
  if (current !== undefined) v1Status.currentCPUUtilizationPercentage = current;
  return { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: object.metadata, spec: v1Spec, status: v1Status };
}

const coreToV1Fields: [core: string, v1: string][] = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['reportingComponent', 'reportingController'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
];

function coreToEventsV1(object: KubeObject): KubeObject {
  const out: Loose = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: object.metadata };
  for (const key of ['eventTime', 'series', 'reportingInstance', 'action', 'reason', 'related', 'type']) {
    if (object[key] !== undefined) out[key] = object[key];
  }
  for (const [core, v1] of coreToV1Fields) if (object[core] !== undefined) out[v1] = object[core];
  if (out.reportingController === '') delete out.reportingController;
  return out as KubeObject;
}

function eventsV1ToCore(object: KubeObject): KubeObject {
  const out: Loose = { apiVersion: 'v1', kind: 'Event', metadata: object.metadata };
  for (const key of ['eventTime', 'series', 'reportingInstance', 'action', 'reason', 'related', 'type']) {
    if (object[key] !== undefined) out[key] = object[key];
  }
  for (const [core, v1] of coreToV1Fields) if (object[v1] !== undefined) out[core] = object[v1];
  return out as KubeObject;
}

/** Standard base64 of a string's UTF-8 bytes, as Go encodes a []byte in JSON. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A Secret's `stringData` is write-only: the v1 → internal conversion copies each entry into
 * `data` (overwriting), and nothing ever stores or returns `stringData` itself.
 */
export function mergeStringData(info: ResourceInfo, object: KubeObject): KubeObject {
  if (info.group !== '' || info.kind !== 'Secret' || object.stringData === undefined) return object;
  const { stringData, ...rest } = object;
  const entries = Object.entries((stringData ?? {}) as Record<string, unknown>);
  if (!entries.length) return rest as KubeObject;
  const data: Record<string, unknown> = { ...((rest.data ?? {}) as Record<string, unknown>) };
  for (const [key, value] of entries) data[key] = base64Utf8(String(value));
  return { ...rest, data } as KubeObject;
}
