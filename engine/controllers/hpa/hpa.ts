/**
 * The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go). Every
 * HPA is reconciled every 15 s: read the target's `scale` subresource, compute a replica count
 * from each metric (resource metrics from metrics.k8s.io, replica-calculator.ts), stabilize and
 * rate-limit it (normalize.ts), write the new scale, then the HPA's status and events.
 *
 * The ladder of reconcileAutoscaler: no scale → AbleToScale False; target at zero → scaling
 * disabled; outside min/max → clamp; else metrics → recommendation → normalize → rescale.
 */
import { deepEqual } from '../../api/handlers/common.ts';
import type { Registry } from '../../api/registry.ts';
import { resourcePath } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import { parseLabelSelector } from '../../api/selectors/labels-parser.ts';
import { milliValue, parseQuantity, quantityString, newMilliQuantity } from '../../api/validation/quantity.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { getResourceMetric } from './metrics-client.ts';
import type { Behavior, HpaMemory, Normalized } from './normalize.ts';
import { defaultedBehavior, normalizeWithBehavior, normalizeWithoutBehavior, storeScaleEvent } from './normalize.ts';
import type { CalculatorOptions } from './replica-calculator.ts';
import { defaultCalculatorOptions, rawResourceReplicas, resourceReplicas } from './replica-calculator.ts';
import type { HpaCondition, HpaStatus } from './status.ts';
import { buildStatus, setCondition } from './status.ts';

/** kube-controller-manager's HPA flags. */
export interface HpaOptions extends CalculatorOptions {
  /** `--horizontal-pod-autoscaler-sync-period` (15 s). */
  syncPeriodMs: number;
  /** `--horizontal-pod-autoscaler-downscale-stabilization` (5 min). */
  downscaleStabilizationMs: number;
}

/** The defaults of kube-controller-manager v1.32. */
export const defaultHpaOptions: HpaOptions = { ...defaultCalculatorOptions, syncPeriodMs: 15_000, downscaleStabilizationMs: 300_000 };

interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
}

interface HpaSpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: Behavior;
}

interface Scale {
  metadata: KubeObject['metadata'];
  spec: { replicas?: number };
  status: { replicas?: number; selector?: string };
}

/** A metric's proposal, or the failure to compute one (with its ScalingActive condition). */
type MetricResult =
  | { replicas: number; name: string; status: unknown }
  | { error: string; reason: string; status: unknown };

/** The HPA controller. Its events and API calls are those of `horizontal-pod-autoscaler`. */
export class HorizontalPodAutoscalerController implements Controller {
  readonly name = 'horizontal-pod-autoscaler';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private hpas!: Informer;
  private pods!: Informer;
  private recorder!: EventRecorder;
  private readonly memory = new Map<string, HpaMemory>();
  private readonly options: HpaOptions;

  constructor(private readonly registry: Registry, options: Partial<HpaOptions> = {}) {
    this.options = { ...defaultHpaOptions, ...options };
  }

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'horizontal-pod-autoscaler' });
    this.pods = env.informer('/api/v1/pods');
    this.hpas = env.informer('/apis/autoscaling/v2/horizontalpodautoscalers');
    // Every enqueue waits one sync period (the queue's fixed-interval rate limiter): a new HPA is first reconciled 15 s after it appears.
    const enqueue = (hpa: KubeObject): void => this.queue.addAt(`${hpa.metadata.namespace}/${hpa.metadata.name}`, env.clock.now() + this.options.syncPeriodMs);
    this.hpas.addHandler({ onAdd: enqueue, onUpdate: (_old, hpa) => enqueue(hpa), onDelete: (hpa) => this.queue.add(`${hpa.metadata.namespace}/${hpa.metadata.name}`) });
  }

  sync(key: string): SyncResult {
    const hpa = this.hpas.get(key);
    if (!hpa) {
      this.memory.delete(key);
      return;
    }
    this.reconcile(hpa, key);
    return { requeueAfter: this.options.syncPeriodMs };
  }

  private event(hpa: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.event(hpa, type, reason, message);
  }

  private memoryOf(key: string): HpaMemory {
    let memory = this.memory.get(key);
    if (!memory) this.memory.set(key, (memory = { recommendations: [], scaleUp: [], scaleDown: [] }));
    return memory;
  }

  /** `reconcileAutoscaler`: one pass of the ladder, ending with a status write if anything changed. */
  private reconcile(hpa: KubeObject, key: string): void {
    const now = this.env.clock.now();
    const spec = hpa.spec as HpaSpec;
    const previous = (hpa.status ?? { desiredReplicas: 0 }) as HpaStatus;
    let conditions: HpaCondition[] = previous.conditions ?? [];
    const condition = (type: string, status: 'True' | 'False', reason: string, message: string): void => {
      conditions = setCondition(conditions, type, status, reason, message, now);
    };
    const scaleAnswer = this.getScale(hpa, spec);
    if ('error' in scaleAnswer) {
      this.event(hpa, 'Warning', 'FailedGetScale', scaleAnswer.error);
      condition('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${scaleAnswer.error}`);
      this.writeStatus(hpa, { ...previous, conditions });
      return;
    }
    const { scale, path } = scaleAnswer;
    condition('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const currentReplicas = scale.spec.replicas ?? 0;
    const memory = this.memoryOf(key);
    if (!memory.recommendations.length) memory.recommendations.push({ replicas: currentReplicas, at: now });
    const minReplicas = spec.minReplicas ?? 1;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let metricStatuses: unknown[] | undefined;
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      condition('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (currentReplicas > spec.maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = spec.maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const computed = this.computeReplicasForMetrics(hpa, spec, scale, now, condition);
      metricStatuses = computed.statuses;
      if ('error' in computed) {
        this.writeStatus(hpa, buildStatus(previous, conditions, currentReplicas, previous.desiredReplicas ?? 0, metricStatuses));
        this.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error);
        return;
      }
      desiredReplicas = computed.replicas;
      if (desiredReplicas > currentReplicas) rescaleReason = `${computed.metric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      const normalized: Normalized = spec.behavior
        ? normalizeWithBehavior(memory, now, currentReplicas, desiredReplicas, minReplicas, spec.maxReplicas, defaultedBehavior(spec.behavior, this.options.downscaleStabilizationMs / 1000))
        : normalizeWithoutBehavior(memory, now, currentReplicas, desiredReplicas, minReplicas, spec.maxReplicas, this.options.downscaleStabilizationMs);
      condition('AbleToScale', 'True', normalized.ableToScale.reason, normalized.ableToScale.message);
      condition('ScalingLimited', normalized.limited.status, normalized.limited.reason, normalized.limited.message);
      desiredReplicas = normalized.replicas;
      rescale = desiredReplicas !== currentReplicas;
    }
    if (rescale) {
      const response = this.env.api.handle({ method: 'PUT', path, body: { ...scale, apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { ...scale.spec, replicas: desiredReplicas } } });
      if (response.status >= 300) {
        const error = (response.body as { message?: string }).message ?? 'unknown error';
        this.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${error}`);
        condition('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${error}`);
        this.writeStatus(hpa, buildStatus(previous, conditions, currentReplicas, previous.desiredReplicas ?? 0, metricStatuses));
        return;
      }
      condition('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`);
      this.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      if (spec.behavior) storeScaleEvent(memory, defaultedBehavior(spec.behavior), now, currentReplicas, desiredReplicas);
    } else {
      desiredReplicas = currentReplicas;
    }
    this.writeStatus(hpa, buildStatus(previous, conditions, currentReplicas, desiredReplicas, metricStatuses, rescale ? now : undefined));
  }

  /** The target's Scale, through the `scale` subresource of the kind scaleTargetRef names. */
  private getScale(hpa: KubeObject, spec: HpaSpec): { scale: Scale; path: string } | { error: string } {
    const ref = spec.scaleTargetRef;
    const apiVersion = ref.apiVersion ?? '';
    const info = this.registry.byKind(apiVersion, ref.kind);
    if (!info) {
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      return { error: `no matches for kind "${ref.kind}" in group "${group}"` };
    }
    const path = `${resourcePath(info, hpa.metadata.namespace, ref.name)}/scale`;
    const response = this.env.api.handle({ method: 'GET', path });
    if (response.status >= 300) return { error: (response.body as { message?: string }).message ?? 'unknown error' };
    return { scale: response.body as Scale, path };
  }

  /** `computeReplicasForMetrics`: the largest proposal among the metrics; all invalid (or some, when scaling down) is an error. */
  private computeReplicasForMetrics(hpa: KubeObject, spec: HpaSpec, scale: Scale, now: number, condition: (type: string, status: 'True' | 'False', reason: string, message: string) => void):
    { replicas: number; metric: string; statuses: unknown[] } | { error: string; statuses?: unknown[] } {
    const selectorText = scale.status.selector ?? '';
    if (!selectorText) {
      this.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
      condition('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
      return { error: 'selector is required' };
    }
    const parsed = parseLabelSelector(selectorText);
    if (!parsed.ok) {
      const message = `couldn't convert selector into a corresponding internal selector object: ${parsed.message}`;
      this.event(hpa, 'Warning', 'InvalidSelector', message);
      condition('ScalingActive', 'False', 'InvalidSelector', message);
      return { error: message };
    }
    const namespace = hpa.metadata.namespace!;
    const pods = this.pods.list().filter((p) => p.metadata.namespace === namespace && matchLabels(parsed.value, p.metadata.labels));
    const specReplicas = scale.spec.replicas ?? 0;
    const metrics = spec.metrics ?? [];
    const statuses: unknown[] = [];
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: { error: string; reason: string; metric: string } | undefined;
    for (const metricSpec of metrics) {
      const result = this.computeResourceMetric(metricSpec, specReplicas, namespace, selectorText, pods, now);
      statuses.push(result.status);
      if ('error' in result) {
        this.event(hpa, 'Warning', result.reason, result.error);
        if (!firstError) firstError = { ...result, metric: metricSpec.resource?.name ?? metricSpec.type };
        invalid++;
        continue;
      }
      if (replicas === 0 || result.replicas > replicas) {
        replicas = result.replicas;
        metric = result.name;
      }
    }
    if (firstError && (invalid >= metrics.length || replicas < specReplicas)) {
      condition('ScalingActive', 'False', firstError.reason, `the HPA was unable to compute the replica count: ${firstError.error}`);
      return { error: `invalid metrics (${invalid} invalid out of ${metrics.length}), first error is: failed to get ${firstError.metric} resource metric value: ${firstError.error}`, statuses };
    }
    condition('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses };
  }

  /** `computeStatusForResourceMetric`: a Utilization or AverageValue target on cpu or memory. */
  private computeResourceMetric(metricSpec: MetricSpec, specReplicas: number, namespace: string, selector: string, pods: KubeObject[], now: number): MetricResult {
    const empty = { type: '' };
    if (metricSpec.type !== 'Resource' || !metricSpec.resource) {
      return { error: `unknown metric source type "${metricSpec.type}"`, reason: 'InvalidMetricSourceType', status: empty };
    }
    const { name, target } = metricSpec.resource;
    const fail = (what: string, error: string): MetricResult => ({ error: `failed to get ${name} ${what}: ${error}`, reason: 'FailedGetResourceMetric', status: empty });
    const averageValue = target.averageValue !== undefined ? milliValue(parseQuantity(String(target.averageValue))) : undefined;
    const what = averageValue !== undefined ? 'usage' : 'utilization';
    if (averageValue === undefined && target.averageUtilization === undefined) {
      return { error: 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set', reason: 'FailedGetResourceMetric', status: empty };
    }
    const fetched = getResourceMetric(this.env.api, name, namespace, selector);
    if ('error' in fetched) return fail(what, `unable to get metrics for resource ${name}: ${fetched.error}`);
    const proposal = averageValue !== undefined
      ? rawResourceReplicas(specReplicas, averageValue, name, pods, fetched.metrics, fetched.timestamp, now, this.options)
      : resourceReplicas(specReplicas, target.averageUtilization!, name, pods, fetched.metrics, fetched.timestamp, now, this.options);
    if ('error' in proposal) return fail(what, proposal.error);
    const averageValueText = quantityString(newMilliQuantity(proposal.rawAverage));
    const current = proposal.utilization !== undefined ? { averageValue: averageValueText, averageUtilization: proposal.utilization } : { averageValue: averageValueText };
    const metricName = averageValue !== undefined ? `${name} resource` : `${name} resource utilization (percentage of request)`;
    return { replicas: proposal.replicas, name: metricName, status: { type: 'Resource', resource: { name, current } } };
  }

  /** `updateStatusIfNeeded`: write only when the status changed. */
  private writeStatus(hpa: KubeObject, status: HpaStatus): void {
    const clean = JSON.parse(JSON.stringify(status)) as HpaStatus;
    if (deepEqual(clean, hpa.status ?? {})) return;
    const path = `/apis/autoscaling/v2/namespaces/${hpa.metadata.namespace}/horizontalpodautoscalers/${hpa.metadata.name}/status`;
    this.env.api.handle({ method: 'PUT', path, body: { ...hpa, status: clean } });
  }
}
