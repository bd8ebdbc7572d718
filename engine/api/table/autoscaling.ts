/**
 * Printers for HorizontalPodAutoscaler and PodDisruptionBudget. The HPA TARGETS cell pairs each
 * metric in spec.metrics with the status entry at the same index: `cpu: 12%/50%`.
 */
import type { HorizontalPodAutoscaler as HpaV1 } from 'kubernetes-types/autoscaling/v1';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { ageColumn, integer, nameColumn, nameOf, text } from './columns.ts';
import { timestampSince } from './duration.ts';
import { intOrString } from './format.ts';
import { quantityString } from './quantity.ts';
import type { Printer } from './types.ts';

/**
 * The metrics of an HPA in either served version. autoscaling/v1 has one CPU target; the API server
 * converts it to a single Resource metric before printing, and so do we.
 */
function hpaMetrics(hpa: HorizontalPodAutoscaler & HpaV1): { specs: MetricSpec[]; statuses: MetricStatus[] } {
  if (hpa.spec && 'targetCPUUtilizationPercentage' in hpa.spec) {
    const target = hpa.spec.targetCPUUtilizationPercentage;
    const current = hpa.status?.currentCPUUtilizationPercentage;
    const specs: MetricSpec[] = target === undefined || target === null
      ? []
      : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
    const statuses: MetricStatus[] = current === undefined || current === null
      ? []
      : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
    return { specs, statuses };
  }
  return { specs: hpa.spec?.metrics ?? [], statuses: hpa.status?.currentMetrics ?? [] };
}

function percent(value: number | undefined | null, missing: string): string {
  return value === undefined || value === null ? missing : `${value}%`;
}

function metricText(spec: MetricSpec, status: MetricStatus | undefined): string {
  const unknown = '<unknown>';
  switch (spec.type) {
    case 'External':
    case 'Object': {
      const source = spec.type === 'External' ? spec.external : spec.object;
      const current = spec.type === 'External' ? status?.external?.current : status?.object?.current;
      if (source?.target?.averageValue !== undefined) {
        const cur = current?.averageValue !== undefined ? quantityString(current.averageValue) : unknown;
        return `${cur}/${quantityString(source.target.averageValue)} (avg)`;
      }
      const present = spec.type === 'External' ? status?.external : status?.object;
      return `${present ? quantityString(current?.value) : unknown}/${quantityString(source?.target?.value)}`;
    }
    case 'Pods': {
      const cur = status?.pods ? quantityString(status.pods.current?.averageValue) : unknown;
      return `${cur}/${quantityString(spec.pods?.target?.averageValue)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const present = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = source?.name ?? '';
      if (source?.target?.averageValue !== undefined) {
        const cur = present ? quantityString(present.current?.averageValue) : unknown;
        return `${name}: ${cur}/${quantityString(source.target.averageValue)}`;
      }
      const cur = present ? percent(present.current?.averageUtilization, unknown) : unknown;
      return `${name}: ${cur}/${percent(source?.target?.averageUtilization, '<auto>')}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The TARGETS cell: up to two metrics joined with `, `, then ` + N more...`; `<none>` without metrics. */
export function hpaTargets(object: HorizontalPodAutoscaler | HpaV1): string {
  const { specs, statuses } = hpaMetrics(object as HorizontalPodAutoscaler & HpaV1);
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => metricText(spec, statuses[i]));
  const max = 2;
  return list.length > max ? `${list.slice(0, max).join(', ')} + ${list.length - max} more...` : list.join(', ');
}

/** HorizontalPodAutoscaler: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. */
export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    nameColumn,
    text('Reference', 'autoscaling/v2beta1 HorizontalPodAutoscalerSpec.scaleTargetRef'),
    text('Targets', 'autoscaling/v2beta1 HorizontalPodAutoscalerSpec.metrics'),
    text('MinPods', 'autoscaling/v2beta1 HorizontalPodAutoscalerSpec.minReplicas'),
    text('MaxPods', 'autoscaling/v2beta1 HorizontalPodAutoscalerSpec.maxReplicas'),
    text('Replicas', 'autoscaling/v2beta1 HorizontalPodAutoscalerStatus.currentReplicas'),
    ageColumn,
  ],
  print(object, { now }) {
    const hpa = object as HorizontalPodAutoscaler;
    const ref = hpa.spec?.scaleTargetRef;
    const min = hpa.spec?.minReplicas;
    return {
      cells: [
        nameOf(hpa),
        `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
        hpaTargets(hpa),
        min === undefined || min === null ? '<unset>' : String(min),
        // Integer cells under string columns, as upstream sends them.
        hpa.spec?.maxReplicas ?? 0,
        hpa.status?.currentReplicas ?? 0,
        timestampSince(hpa.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/** PodDisruptionBudget: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. */
export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameColumn,
    text('Min Available', { text: 'The minimum number of pods that must be available.' }),
    text('Max Unavailable', { text: 'The maximum number of pods that may be unavailable.' }),
    integer('Allowed Disruptions', { text: 'Calculated number of pods that may be disrupted at this time.' }),
    ageColumn,
  ],
  print(object, { now }) {
    const pdb = object as PodDisruptionBudget;
    const min = pdb.spec?.minAvailable;
    const max = pdb.spec?.maxUnavailable;
    return {
      cells: [
        nameOf(pdb),
        min === undefined || min === null ? 'N/A' : intOrString(min),
        max === undefined || max === null ? 'N/A' : intOrString(max),
        pdb.status?.disruptionsAllowed ?? 0,
        timestampSince(pdb.metadata?.creationTimestamp, now),
      ],
    };
  },
};
