/**
 * `kubectl describe hpa` (autoscaling/v2): one line per metric as `current / target`, replica
 * bounds, scaling behaviour, and the autoscaler's conditions.
 */
import { describeEvents } from './events.ts';
import { arr, num, obj, printAnnotations, printLabels, rfc1123z, str, type Obj } from './format.ts';
import { quantityText } from './resource-list.ts';
import { PrefixWriter } from './writer.ts';

/** Go's `%q` of a metric name (JSON quoting agrees for printable text). */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The current value of metric `i`, read from `status.currentMetrics[i][source]`. */
function currentOf(status: Obj, i: number, source: string): Obj | undefined {
  const current = arr(status.currentMetrics)[i];
  return current && current[source] ? obj(obj(current[source]).current) : undefined;
}

function describeMetric(metric: Obj, i: number, status: Obj, w: PrefixWriter): void {
  const type = str(metric.type);
  switch (type) {
    case 'External': {
      const external = obj(metric.external);
      const target = obj(external.target);
      const current = currentOf(status, i, 'external');
      const name = quoted(str(obj(external.metric).name));
      if (target.averageValue !== undefined) {
        const text = current && current.averageValue !== undefined ? quantityText(current.averageValue) : '<unknown>';
        w.write(1, `${name} (target average value):\t${text} / ${quantityText(target.averageValue)}\n`);
      } else {
        w.write(1, `${name} (target value):\t${current ? quantityText(current.value) : '<unknown>'} / ${quantityText(target.value)}\n`);
      }
      return;
    }
    case 'Pods': {
      const pods = obj(metric.pods);
      const current = currentOf(status, i, 'pods');
      w.write(1, `${quoted(str(obj(pods.metric).name))} on pods:\t${current ? quantityText(current.averageValue) : '<unknown>'} / ${quantityText(obj(pods.target).averageValue)}\n`);
      return;
    }
    case 'Object': {
      const object = obj(metric.object);
      const described = obj(object.describedObject);
      const target = obj(object.target);
      const current = currentOf(status, i, 'object');
      w.write(1, `"${str(obj(object.metric).name)}" on ${str(described.kind)}/${str(described.name)} `);
      if (target.type === 'AverageValue') w.write(0, `(target average value):\t${current ? quantityText(current.averageValue) : '<unknown>'} / ${quantityText(target.averageValue)}\n`);
      else w.write(0, `(target value):\t${current ? quantityText(current.value) : '<unknown>'} / ${quantityText(target.value)}\n`);
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const field = type === 'Resource' ? 'resource' : 'containerResource';
      const source = obj(metric[field]);
      const target = obj(source.target);
      const current = currentOf(status, i, field);
      w.write(1, type === 'Resource'
        ? `resource ${str(source.name)} on pods`
        : `resource ${str(source.name)} of container "${str(source.container)}" on pods`);
      if (target.averageValue !== undefined) {
        w.write(0, `:\t${current ? quantityText(current.averageValue) : '<unknown>'} / ${quantityText(target.averageValue)}\n`);
      } else {
        const text = current && typeof current.averageUtilization === 'number'
          ? `${current.averageUtilization}% (${quantityText(current.averageValue)})`
          : '<unknown>';
        const goal = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
        w.write(1, `(as a percentage of request):\t${text} / ${goal}\n`);
      }
      return;
    }
    default:
      w.write(1, `<unknown metric type ${quoted(type)}>\n`);
  }
}

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: unknown): void {
  if (!rules) return;
  const r = obj(rules);
  w.write(1, `${direction}:\n`);
  if (typeof r.stabilizationWindowSeconds === 'number') w.write(2, `Stabilization Window: ${r.stabilizationWindowSeconds} seconds\n`);
  const policies = arr(r.policies);
  if (policies.length > 0) {
    w.write(2, `Select Policy: ${typeof r.selectPolicy === 'string' ? r.selectPolicy : 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const p of policies) w.write(3, `- Type: ${str(p.type)}\tValue: ${num(p.value)}\tPeriod: ${num(p.periodSeconds)} seconds\n`);
  }
}

/** `describeHorizontalPodAutoscalerV2` (the object must be read as autoscaling/v2). */
export function describeHorizontalPodAutoscaler(hpa: Obj, events: Obj[] | undefined, now: number): string {
  const metadata = obj(hpa.metadata);
  const spec = obj(hpa.spec);
  const status = obj(hpa.status);
  const target = obj(spec.scaleTargetRef);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${str(target.kind)}/${str(target.name)}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  arr(spec.metrics).forEach((metric, i) => describeMetric(metric, i, status, w));
  w.write(0, `Min replicas:\t${typeof spec.minReplicas === 'number' ? spec.minReplicas : '<unset>'}\n`);
  w.write(0, `Max replicas:\t${num(spec.maxReplicas)}\n`);
  if (spec.behavior) {
    w.write(0, 'Behavior:\n');
    printDirectionBehavior(w, 'Scale Up', obj(spec.behavior).scaleUp);
    printDirectionBehavior(w, 'Scale Down', obj(spec.behavior).scaleDown);
  }
  w.write(0, `${str(target.kind)} pods:\t`);
  w.write(0, `${num(status.currentReplicas)} current / ${num(status.desiredReplicas)} desired\n`);
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${str(c.type)}\t${str(c.status)}\t${str(c.reason)}\t${str(c.message)}\n`);
  }
  if (events) describeEvents(events, w, now);
  return w.text();
}
