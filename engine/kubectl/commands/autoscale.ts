/**
 * `kubectl autoscale TYPE NAME --max=N [--min=N] [--cpu-percent=N]`: kubectl 1.32 builds an
 * autoscaling/v1 HorizontalPodAutoscaler (v2 came with 1.33) whose scaleTargetRef names the
 * object, checks that the resource has a scale subresource, and POSTs it with manager
 * `kubectl-autoscale`, printing `horizontalpodautoscaler.autoscaling/web autoscaled`.
 */
import { lastAppliedAnnotation } from '../../api/apply/index.ts';
import { KubectlError, getJson } from '../client/api-client.ts';
import { discoveryAccept, type ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagInt, flagString, withFlagTypes } from '../flags.ts';
import { printCreated } from './create.ts';
import { autoscaleHelp } from './help/autoscale.ts';
import { specFromHelp } from './help/types.ts';
import { recordChangeCause, withRecordFlag } from './record.ts';
import { findTargets, throwErrors } from './targets.ts';
import {
  dryRunOf, dryRunQuery, fieldManager, requireFlags, send, serverError, type Json,
} from './write-support.ts';

const hpaMapping = { kind: 'HorizontalPodAutoscaler', group: 'autoscaling' };

/** The HPA kubectl 1.32 sends, as Go's encoder writes the typed struct (creationTimestamp null, an empty status). */
export function horizontalPodAutoscaler(name: string, target: { apiVersion: string; kind: string; name: string }, min: number, max: number, cpuPercent: number): Json {
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name, creationTimestamp: null },
    spec: {
      scaleTargetRef: { kind: target.kind, name: target.name, apiVersion: target.apiVersion },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpuPercent >= 0 ? { targetCPUUtilizationPercentage: cpuPercent } : {}),
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

interface DiscoveryDocument {
  items?: { metadata?: { name?: string }; versions?: { version: string; resources?: { resource: string; subresources?: { subresource: string }[] }[] }[] }[];
}

/** kubectl's scale kind resolver: whether aggregated discovery lists a `scale` subresource for the resource. */
function hasScaleSubresource(context: CommandContext, mapping: ApiResource): boolean {
  const list = getJson(context.api, mapping.group ? '/apis' : '/api', undefined, discoveryAccept) as DiscoveryDocument;
  const group = list.items?.find((item) => (item.metadata?.name ?? '') === mapping.group);
  const resource = group?.versions?.find((v) => v.version === mapping.version)?.resources?.find((r) => r.resource === mapping.resource);
  return Boolean(resource?.subresources?.some((s) => s.subresource === 'scale'));
}

function runAutoscale(context: CommandContext): number {
  const { flags } = context;
  requireFlags(context, ['max']);
  const max = flagInt(flags, 'max', -1);
  const min = flagInt(flags, 'min', -1);
  if (max < 1) throw KubectlError.client(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw KubectlError.client(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const dryRun = dryRunOf(context);
  const found = findTargets(context, 'autoscale', context.args, true);
  const errors = [...found.errors];
  let count = 0;
  for (const target of found.targets) {
    if (target.error) {
      errors.push(target.error);
      continue;
    }
    const { mapping } = target;
    const apiVersion = mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version;
    if (!hasScaleSubresource(context, mapping)) {
      errors.push(KubectlError.client(`cannot autoscale a ${mapping.kind}: could not find scale subresource for ${apiVersion.includes('/') ? apiVersion : `/${apiVersion}`}, Resource=${mapping.resource} in discovery information`));
      continue;
    }
    const name = flagString(flags, 'name') || target.name;
    let hpa = horizontalPodAutoscaler(name, { apiVersion, kind: mapping.kind, name: target.name }, min, max, flagInt(flags, 'cpu-percent', -1));
    recordChangeCause(context, hpa);
    count++;
    // The printer is built only when it prints (o.ToPrinter("created")), so `-o wide` fails after the POST.
    if (dryRun === 'client') {
      printCreated(context, hpaMapping, hpa, 'created', true);
      continue;
    }
    if (flagBool(flags, 'save-config')) {
      const metadata = hpa.metadata as Json;
      metadata.annotations = { [lastAppliedAnnotation]: `${JSON.stringify(hpa)}\n` };
    }
    const path = `/apis/autoscaling/v1/namespaces/${encodeURIComponent(target.namespace || context.namespace)}/horizontalpodautoscalers`;
    const response = send(context, 'POST', path, { query: { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-autoscale') }, body: hpa });
    if (response.status >= 300) {
      errors.push(serverError(response));
      continue;
    }
    hpa = response.body as Json;
    // The typed client's answer: `-o json` writes Go's struct order.
    printCreated(context, hpaMapping, hpa, 'autoscaled', true);
  }
  throwErrors(errors);
  if (!count) throw KubectlError.client('no objects passed to autoscale');
  return 0;
}

/** The `autoscale` command. */
/** `--min`, `--max` and `--cpu-percent` are Int32 flags in kubectl (bounded at 2^31). */
const help = { ...autoscaleHelp, flags: withFlagTypes(autoscaleHelp.flags, { min: 'int32', max: 'int32', 'cpu-percent': 'int32' }) };

export const autoscaleCommand: CommandSpec = withRecordFlag(specFromHelp('autoscale', help, runAutoscale));
