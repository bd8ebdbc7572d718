/**
 * The container and volume blocks shared by the Pod describer and the Pod Template block
 * (`describeContainers`, `describeVolumes` of describe.go). Inside a template `space` is two spaces
 * and names get one extra space of indent.
 */
import { arr, boolPointer, intOrString, num, obj, printBool, rfc1123z, sortStrings, str, type Obj } from './format.ts';
import type { PrefixWriter } from './writer.ts';

/** Resolves a fieldRef env var against the pod (undefined inside a template: no value shown). */
export type EnvResolver = ((fieldPath: string) => string) | undefined;

/** `describeContainers`: the label line, then each container's block. */
export function describeContainers(label: string, containers: Obj[], statuses: Obj[] | undefined, resolve: EnvResolver, w: PrefixWriter, space: string): void {
  const byName = new Map(arr(statuses).map((status) => [str(status.name), status]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(str(container.name));
    w.write(1, `${space ? ' ' : ''}${str(container.name)}:\n`);
    if (status) w.write(2, `Container ID:\t${str(status.containerID)}\n`);
    w.write(2, `Image:\t${str(container.image)}\n`);
    if (status) w.write(2, `Image ID:\t${str(status.imageID)}\n`);
    const ports = arr(container.ports);
    const portText = ports.map((p) => `${num(p.containerPort)}/${str(p.protocol)}`).join(', ');
    w.write(2, portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${portText || '<none>'}\n`);
    const hostText = ports.map((p) => `${num(p.hostPort)}/${str(p.protocol)}`).join(', ');
    w.write(2, hostText.includes(',') ? `Host Ports:\t${hostText}\n` : `Host Port:\t${hostText || '<none>'}\n`);
    const seccomp = obj(obj(container.securityContext).seccompProfile);
    if (container.securityContext && obj(container.securityContext).seccompProfile) {
      w.write(2, `SeccompProfile:\t${str(seccomp.type)}\n`);
      if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
    }
    for (const [title, items] of [['Command', container.command], ['Args', container.args]] as const) {
      const list = Array.isArray(items) ? (items as unknown[]).map(str) : [];
      if (list.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const item of list) for (const line of item.split('\n')) w.write(3, `${line}\n`);
    }
    if (status) {
      describeState('State', obj(status.state), w);
      if (obj(status.lastState).terminated) describeState('Last State', obj(status.lastState), w);
      w.write(2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(2, `Restart Count:\t${num(status.restartCount)}\n`);
    }
    describeResources(obj(container.resources), w, 2);
    for (const [title, field] of [['Liveness', 'livenessProbe'], ['Readiness', 'readinessProbe'], ['Startup', 'startupProbe']]) {
      if (container[field]) w.write(2, `${title}:\t${describeProbe(obj(container[field]))}\n`);
    }
    if (arr(container.envFrom).length > 0) describeEnvFrom(arr(container.envFrom), w);
    describeEnv(arr(container.env), container, resolve, w);
    describeMounts(container, w);
  }
}

/** `describeResources`: Limits then Requests, resource names sorted. */
export function describeResources(resources: Obj, w: PrefixWriter, level: number): void {
  for (const title of ['Limits', 'Requests']) {
    const list = obj(resources[title.toLowerCase()]);
    const names = sortStrings(Object.keys(list));
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${str(list[name])}\n`);
  }
}

function describeState(title: string, state: Obj, w: PrefixWriter): void {
  if (state.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(obj(state.running).startedAt)}\n`);
  } else if (state.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    const reason = str(obj(state.waiting).reason);
    if (reason) w.write(3, `Reason:\t${reason}\n`);
  } else if (state.terminated) {
    const t = obj(state.terminated);
    w.write(2, `${title}:\tTerminated\n`);
    if (str(t.reason)) w.write(3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) w.write(3, `Message:\t${str(t.message)}\n`);
    w.write(3, `Exit Code:\t${num(t.exitCode)}\n`);
    if (num(t.signal) > 0) w.write(3, `Signal:\t${num(t.signal)}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

/** `DescribeProbe`: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: Obj): string {
  const attrs = `delay=${num(probe.initialDelaySeconds)}s timeout=${num(probe.timeoutSeconds)}s period=${num(probe.periodSeconds)}s `
    + `#success=${num(probe.successThreshold)} #failure=${num(probe.failureThreshold)}`;
  if (probe.exec) return `exec [${arr(obj(probe.exec).command).map(str).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const get = obj(probe.httpGet);
    const port = intOrString(get.port);
    const host = str(get.host);
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    return `http-get ${str(get.scheme).toLowerCase()}://${hostPort}${str(get.path)} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${str(obj(probe.tcpSocket).host)}:${intOrString(obj(probe.tcpSocket).port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${num(obj(probe.grpc).port)} ${str(obj(probe.grpc).service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(envFrom: Obj[], w: PrefixWriter): void {
  w.write(2, 'Environment Variables from:\n');
  for (const source of envFrom) {
    const ref = source.configMapRef ? obj(source.configMapRef) : source.secretRef ? obj(source.secretRef) : {};
    const from = source.configMapRef ? 'ConfigMap' : source.secretRef ? 'Secret' : '';
    const optional = ref.optional === true;
    const prefix = str(source.prefix);
    w.write(3, prefix ? `${str(ref.name)}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n` : `${str(ref.name)}\t${from}\tOptional: ${optional}\n`);
  }
}

function describeEnv(env: Obj[], container: Obj, resolve: EnvResolver, w: PrefixWriter): void {
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const variable of env) {
    const name = str(variable.name);
    if (!variable.valueFrom) {
      str(variable.value).split('\n').forEach((line, i) => w.write(3, i === 0 ? `${name}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const from = obj(variable.valueFrom);
    if (from.fieldRef) {
      const ref = obj(from.fieldRef);
      const value = resolve ? resolve(str(ref.fieldPath)) : '';
      w.write(3, `${name}:\t${value} (${str(ref.apiVersion)}:${str(ref.fieldPath)})\n`);
    } else if (from.resourceFieldRef) {
      const resource = str(obj(from.resourceFieldRef).resource);
      const [kind, resourceName] = resource.split('.');
      const quantity = str(obj(obj(container.resources)[kind])[resourceName]);
      const value = quantity === '' && (resource === 'limits.cpu' || resource === 'limits.memory') ? 'node allocatable' : quantity;
      w.write(3, `${name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = obj(from.secretKeyRef);
      w.write(3, `${name}:\t<set to the key '${str(ref.key)}' in secret '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const ref = obj(from.configMapKeyRef);
      w.write(3, `${name}:\t<set to the key '${str(ref.key)}' of config map '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    }
  }
}

function describeMounts(container: Obj, w: PrefixWriter): void {
  const mounts = [...arr(container.volumeMounts)].sort((a, b) => (str(a.mountPath) < str(b.mountPath) ? -1 : str(a.mountPath) > str(b.mountPath) ? 1 : 0));
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(2, `Mounts:${none}\n`);
  for (const mount of mounts) {
    const flags = [mount.readOnly === true ? 'ro' : 'rw'];
    if (str(mount.subPath)) flags.push(`path=${JSON.stringify(str(mount.subPath))}`);
    w.write(3, `${str(mount.mountPath)} from ${str(mount.name)} (${flags.join(',')})\n`);
  }
  const devices = arr(container.volumeDevices);
  if (devices.length > 0) {
    w.write(2, `Devices:${none}\n`);
    for (const device of [...devices].sort((a, b) => (str(a.devicePath) < str(b.devicePath) ? -1 : 1))) {
      w.write(3, `${str(device.devicePath)} from ${str(device.name)}\n`);
    }
  }
}

/** `describeVolumes`: each volume's type block, or `Volumes:  <none>`. */
export function describeVolumes(volumes: Obj[], w: PrefixWriter, space: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(1, `${space ? ' ' : ''}${str(volume.name)}:\n`);
    describeVolumeSource(volume, w);
  }
}

function describeVolumeSource(volume: Obj, w: PrefixWriter): void {
  if (volume.hostPath) {
    const source = obj(volume.hostPath);
    const type = typeof source.type === 'string' ? source.type : '<none>';
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(source.path)}\n    HostPathType:\t${type}\n`);
  } else if (volume.emptyDir) {
    const source = obj(volume.emptyDir);
    const limit = str(source.sizeLimit);
    const sizeLimit = limit && !/^0([a-zA-Z]*)$/.test(limit) ? limit : '<unset>';
    w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(source.medium)}\n    SizeLimit:\t${sizeLimit}\n`);
  } else if (volume.secret) {
    const source = obj(volume.secret);
    w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(source.secretName)}\n    Optional:\t${source.optional === true}\n`);
  } else if (volume.configMap) {
    const source = obj(volume.configMap);
    w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(source.name)}\n    Optional:\t${source.optional === true}\n`);
  } else if (volume.persistentVolumeClaim) {
    const source = obj(volume.persistentVolumeClaim);
    w.write(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n'
      + `    ClaimName:\t${str(source.claimName)}\n    ReadOnly:\t${source.readOnly === true}\n`);
  } else if (volume.downwardAPI) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of arr(obj(volume.downwardAPI).items)) {
      if (item.fieldRef) w.write(3, `${str(obj(item.fieldRef).fieldPath)} -> ${str(item.path)}\n`);
      if (item.resourceFieldRef) w.write(3, `${str(obj(item.resourceFieldRef).resource)} -> ${str(item.path)}\n`);
    }
  } else if (volume.projected) {
    w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const source of arr(obj(volume.projected).sources)) {
      if (source.secret) w.write(2, `SecretName:\t${str(obj(source.secret).name)}\n    SecretOptionalName:\t${boolPointer(obj(source.secret).optional)}\n`);
      else if (source.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
      else if (source.configMap) w.write(2, `ConfigMapName:\t${str(obj(source.configMap).name)}\n    ConfigMapOptional:\t${boolPointer(obj(source.configMap).optional)}\n`);
      else if (source.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${num(obj(source.serviceAccountToken).expirationSeconds)}\n`);
    }
  } else if (volume.nfs) {
    const source = obj(volume.nfs);
    w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(source.server)}\n    Path:\t${str(source.path)}\n    ReadOnly:\t${source.readOnly === true}\n`);
  } else {
    w.write(1, '<unknown>\n');
  }
}
