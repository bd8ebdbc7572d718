/** `kubectl describe pod` and the Pod Template block of the workload describers. */
import { timestampSince } from '../../api/table/duration.ts';
import { formatLabelSelector } from '../../api/table/format.ts';
import { describeContainers, describeResources, describeVolumes } from './containers.ts';
import { describeEvents } from './events.ts';
import { arr, controllerOf, num, obj, printAnnotations, printLabels, printTolerations, rfc1123z, str, type Obj } from './format.ts';
import { PrefixWriter } from './writer.ts';

/** `describePod`; `events` undefined leaves the Events section out. */
export function describePod(pod: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const metadata = obj(pod.metadata);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
  if (typeof spec.priority === 'number') w.write(0, `Priority:\t${spec.priority}\n`);
  if (str(spec.priorityClassName)) w.write(0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.runtimeClassName)) w.write(0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
  if (str(spec.serviceAccountName)) w.write(0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  w.write(0, spec.nodeName ? `Node:\t${str(spec.nodeName)}/${str(status.hostIP)}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  if (metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${timestampSince(metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${num(metadata.deletionGracePeriodSeconds)}s\n`);
  } else {
    w.write(0, `Status:\t${str(status.phase)}\n`);
  }
  if (str(status.reason)) w.write(0, `Reason:\t${str(status.reason)}\n`);
  if (str(status.message)) w.write(0, `Message:\t${str(status.message)}\n`);
  const seccomp = obj(obj(spec.securityContext).seccompProfile);
  if (obj(spec.securityContext).seccompProfile) {
    w.write(0, `SeccompProfile:\t${str(seccomp.type)}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
  }
  w.write(0, `IP:\t${str(status.podIP)}\n`);
  const ips = arr(status.podIPs);
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${str(ip.ip)}\n`);
  }
  const controlledBy = controllerOf(metadata);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (str(status.nominatedNodeName)) w.write(0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
  if (spec.resources) {
    w.write(0, 'Resources:\n');
    describeResources(obj(spec.resources), w, 1);
  }
  const resolve = (fieldPath: string): string => resolveFieldPath(pod, fieldPath);
  if (arr(spec.initContainers).length > 0) describeContainers('Init Containers', arr(spec.initContainers), arr(status.initContainerStatuses), resolve, w, '');
  describeContainers('Containers', arr(spec.containers), arr(status.containerStatuses), resolve, w, '');
  if (arr(spec.ephemeralContainers).length > 0) {
    describeContainers('Ephemeral Containers', arr(spec.ephemeralContainers), arr(status.ephemeralContainerStatuses), resolve, w, '');
  }
  const conditions = arr(status.conditions);
  if (arr(spec.readinessGates).length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of arr(spec.readinessGates)) {
      const condition = conditions.find((c) => c.type === gate.conditionType);
      w.write(1, `${str(gate.conditionType)} \t${condition ? str(condition.status) : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const condition of conditions) w.write(1, `${str(condition.type)} \t${str(condition.status)} \n`);
  }
  describeVolumes(arr(spec.volumes), w, '');
  w.write(0, `QoS Class:\t${str(status.qosClass) || computeQosClass(spec)}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  describeTopologySpreadConstraints(arr(spec.topologySpreadConstraints), w, '');
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `DescribePodTemplate`: the template's labels, containers (no status), volumes and scheduling. */
export function describePodTemplate(template: Obj | undefined, w: PrefixWriter): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const metadata = obj(template.metadata);
  const spec = obj(template.spec);
  printLabels(w, '  Labels', metadata.labels);
  if (Object.keys(obj(metadata.annotations)).length > 0) printAnnotations(w, '  Annotations', metadata.annotations);
  if (str(spec.serviceAccountName)) w.write(1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (arr(spec.initContainers).length > 0) describeContainers('Init Containers', arr(spec.initContainers), undefined, undefined, w, '  ');
  describeContainers('Containers', arr(spec.containers), undefined, undefined, w, '  ');
  describeVolumes(arr(spec.volumes), w, '  ');
  describeTopologySpreadConstraints(arr(spec.topologySpreadConstraints), w, '  ');
  if (str(spec.priorityClassName)) w.write(1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}

function describeTopologySpreadConstraints(constraints: Obj[], w: PrefixWriter, space: string): void {
  if (constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => (str(a.topologyKey) < str(b.topologyKey) ? -1 : str(a.topologyKey) > str(b.topologyKey) ? 1 : 0));
  w.write(0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((constraint, i) => {
    if (i !== 0) w.write(0, `${space}\t`);
    let text = `${str(constraint.topologyKey)}:${str(constraint.whenUnsatisfiable)} when max skew ${num(constraint.maxSkew)} is exceeded`;
    if (constraint.labelSelector) text += ` for selector ${formatLabelSelector(obj(constraint.labelSelector))}`;
    w.write(0, `${text}\n`);
  });
}

/** The values `fieldRef` env vars can name (fieldpath.ExtractFieldPathAsString). */
function resolveFieldPath(pod: Obj, fieldPath: string): string {
  const metadata = obj(pod.metadata);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const label = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (label) return str(obj(metadata[label[1]])[label[2]]);
  switch (fieldPath) {
    case 'metadata.name': return str(metadata.name);
    case 'metadata.namespace': return str(metadata.namespace);
    case 'metadata.uid': return str(metadata.uid);
    case 'spec.nodeName': return str(spec.nodeName);
    case 'spec.serviceAccountName': return str(spec.serviceAccountName);
    case 'status.hostIP': return str(status.hostIP);
    case 'status.podIP': return str(status.podIP);
    case 'status.podIPs': return arr(status.podIPs).map((ip) => str(ip.ip)).join(',');
    case 'status.hostIPs': return arr(status.hostIPs).map((ip) => str(ip.ip)).join(',');
    default: return '';
  }
}

/** qos.GetPodQOS when status.qosClass is empty: BestEffort, Guaranteed or Burstable from cpu/memory. */
function computeQosClass(spec: Obj): string {
  const requests = new Map<string, string>();
  const limits = new Map<string, string>();
  let guaranteed = true;
  for (const container of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    const resources = obj(container.resources);
    for (const [name, quantity] of Object.entries(obj(resources.requests))) {
      if ((name === 'cpu' || name === 'memory') && !/^0[a-zA-Z]*$/.test(str(quantity))) requests.set(name, str(quantity));
    }
    const containerLimits = Object.entries(obj(resources.limits)).filter(([name]) => name === 'cpu' || name === 'memory');
    for (const [name, quantity] of containerLimits) if (!/^0[a-zA-Z]*$/.test(str(quantity))) limits.set(name, str(quantity));
    if (containerLimits.length < 2) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed && [...requests].every(([name, quantity]) => limits.get(name) === quantity) && limits.size === 2) return 'Guaranteed';
  return 'Burstable';
}
