/**
 * Container validation from `pkg/apis/core/validation`: names, image, ports, env, envFrom,
 * volume mounts, resources (requests ≤ limits), probes, lifecycle handlers and pull policy.
 * Runs after defaulting, so `imagePullPolicy`, `terminationMessagePolicy`, port `protocol` and
 * probe periods are normally present.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject, asObjects, child, index, key, num, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateNonnegativeField } from './meta.ts';
import {
  isConfigMapKey, isDNS1123Label, isEnvVarName, isHTTPHeaderName, isQualifiedName, isValidPortName, isValidPortNum,
  nameIsDNSSubdomain,
} from './names.ts';
import { compareQuantities, quantityFromJSON, quantityString } from './quantity.ts';
import type { Quantity } from './quantity.ts';

const supportedProtocols = ['SCTP', 'TCP', 'UDP'];

/** `validateContainerPorts`: names (IANA_SVC_NAME, unique), containerPort required and in range, protocol. */
export function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asObjects(ports).forEach((port, i) => {
    const p = index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => fieldError.invalid(child(p, 'name'), name, m)));
      else if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort);
    if (containerPort === 0) errs.push(fieldError.required(child(p, 'containerPort')));
    else errs.push(...isValidPortNum(containerPort).map((m) => fieldError.invalid(child(p, 'containerPort'), containerPort, m)));
    const hostPort = num(port.hostPort);
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => fieldError.invalid(child(p, 'hostPort'), hostPort, m)));
    const protocol = str(port.protocol);
    if (!protocol) errs.push(fieldError.required(child(p, 'protocol')));
    else if (!supportedProtocols.includes(protocol)) errs.push(fieldError.notSupported(child(p, 'protocol'), protocol, supportedProtocols));
  });
  return errs;
}

/** `AccumulateUniqueHostPorts`: the same protocol/hostIP/hostPort twice is a `Duplicate value: "TCP//80"`. */
export function checkHostPortConflicts(containers: Loose[], path: string, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((ctr, ci) => {
    asObjects(ctr.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort);
      if (hostPort === 0) return;
      const id = `${str(port.protocol)}/${str(port.hostIP)}/${hostPort}`;
      if (seen.has(id)) errs.push(fieldError.duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), id));
      else seen.add(id);
    });
  });
  return errs;
}

const envFieldPaths = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const resourceFieldPaths = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage',
  'requests.memory'];

/** `validateObjectFieldSelector` for env `fieldRef` and downward API files. */
export function validateObjectFieldSelector(fs: Loose, allowed: string[], path: string): FieldError[] {
  if (!str(fs.apiVersion)) return [fieldError.required(child(path, 'apiVersion'))];
  const fieldPath = str(fs.fieldPath);
  if (!fieldPath) return [fieldError.required(child(path, 'fieldPath'))];
  const subscript = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (subscript) {
    const k = subscript[1] === 'metadata.annotations' ? subscript[2].toLowerCase() : subscript[2];
    return isQualifiedName(k).map((m) => fieldError.invalid(path, k, m));
  }
  if (!allowed.includes(fieldPath)) return [fieldError.notSupported(child(path, 'fieldPath'), fieldPath, allowed)];
  return [];
}

function validateKeySelector(s: Loose, path: string): FieldError[] {
  const errs = nameIsDNSSubdomain(str(s.name), false).map((m) => fieldError.invalid(child(path, 'name'), str(s.name), m));
  const k = str(s.key);
  if (!k) errs.push(fieldError.required(child(path, 'key')));
  else errs.push(...isConfigMapKey(k).map((m) => fieldError.invalid(child(path, 'key'), k, m)));
  return errs;
}

/** `ValidateEnv`: names, and `valueFrom` with exactly one source and no `value` beside it. */
export function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asObjects(env).forEach((ev, i) => {
    const p = index(path, i);
    const name = str(ev.name);
    if (!name) errs.push(fieldError.required(child(p, 'name')));
    else errs.push(...isEnvVarName(name).map((m) => fieldError.invalid(child(p, 'name'), name, m)));
    const from = asObject(ev.valueFrom);
    if (!from) return;
    const fp = child(p, 'valueFrom');
    let sources = 0;
    const fieldRef = asObject(from.fieldRef);
    if (fieldRef) { sources++; errs.push(...validateObjectFieldSelector(fieldRef, envFieldPaths, child(fp, 'fieldRef'))); }
    const resourceRef = asObject(from.resourceFieldRef);
    if (resourceRef) {
      sources++;
      const resource = str(resourceRef.resource);
      const rp = child(fp, 'resourceFieldRef');
      if (!resource) errs.push(fieldError.required(child(rp, 'resource')));
      else if (!resourceFieldPaths.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
        errs.push(fieldError.notSupported(child(rp, 'resource'), resource, resourceFieldPaths));
      }
    }
    const cm = asObject(from.configMapKeyRef);
    if (cm) { sources++; errs.push(...validateKeySelector(cm, child(fp, 'configMapKeyRef'))); }
    const secret = asObject(from.secretKeyRef);
    if (secret) { sources++; errs.push(...validateKeySelector(secret, child(fp, 'secretKeyRef'))); }
    if (sources === 0) {
      errs.push(fieldError.invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (str(ev.value)) {
      errs.push(fieldError.invalid(fp, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(fieldError.invalid(fp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

/** `ValidateEnvFrom`: prefix is an env var name; exactly one of configMapRef / secretRef. */
export function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asObjects(envFrom).forEach((ev, i) => {
    const p = index(path, i);
    const prefix = str(ev.prefix);
    if (prefix) errs.push(...isEnvVarName(prefix).map((m) => fieldError.invalid(child(p, 'prefix'), prefix, m)));
    let sources = 0;
    for (const source of ['configMapRef', 'secretRef']) {
      const ref = asObject(ev[source]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.push(fieldError.required(child(p, source, 'name')));
      else errs.push(...nameIsDNSSubdomain(name, true).map((m) => fieldError.invalid(child(p, source, 'name'), name, m)));
    }
    // Kubernetes reports these two against the list, not the item.
    if (sources === 0) errs.push(fieldError.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(fieldError.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** `validatePathNoBacksteps`: no `..` element. */
export function validatePathNoBacksteps(target: string, path: string): FieldError[] {
  return target.split('/').includes('..') ? [fieldError.invalid(path, target, "must not contain '..'")] : [];
}

/** `validateLocalDescendingPath`: relative, without `..`. */
export function validateLocalDescendingPath(target: string, path: string): FieldError[] {
  const errs = target.startsWith('/') ? [fieldError.invalid(path, target, 'must be a relative path')] : [];
  return [...errs, ...validatePathNoBacksteps(target, path)];
}

/** `ValidateVolumeMounts`: each mount names a pod volume (`Not found: "html"`), unique mountPath. */
export function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  asObjects(mounts).forEach((mnt, i) => {
    const p = index(path, i);
    const name = str(mnt.name);
    if (!name) errs.push(fieldError.required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(fieldError.notFound(child(p, 'name'), name));
    const mountPath = str(mnt.mountPath);
    if (!mountPath) errs.push(fieldError.required(child(p, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(fieldError.invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    // Kubernetes builds these two paths from the list, not the item (`volumeMounts.subPath`).
    const subPath = str(mnt.subPath);
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(path, 'subPath')));
    const subPathExpr = str(mnt.subPathExpr);
    if (subPathExpr) {
      if (subPath) errs.push(fieldError.invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(path, 'subPathExpr')));
    }
  });
  return errs;
}

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** `helper.IsStandardResourceName`: what a bare (unprefixed) resource name may be anywhere. */
const standardResources = new Set([...standardContainerResources, 'storage', 'requests.cpu', 'requests.memory',
  'requests.ephemeral-storage', 'requests.storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services',
  'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports',
  'services.loadbalancers']);

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** Extended resources (`nvidia.com/gpu`) and hugepages may not be overcommitted. */
function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePages(name);
}

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!standardResources.has(name) && !isHugePages(name)) {
      errs.push(fieldError.invalid(path, name, 'must be a standard resource type or fully qualified'));
    }
    if (!standardContainerResources.has(name) && !isHugePages(name)) {
      errs.push(fieldError.invalid(path, name, 'must be a standard resource for containers'));
    }
    return errs;
  } else if (!isNativeResource(name) && isQualifiedName(`requests.${name}`).length) {
    return [fieldError.invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

function parseOrUndefined(value: unknown): Quantity | undefined {
  try {
    return quantityFromJSON(value);
  } catch {
    return undefined; // the decoder already rejected malformed quantities
  }
}

/** `ValidateResourceQuantityValue`: not negative; extended resources whole numbers. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(fieldError.invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  if (!isNativeResource(name) && q.nanos % 1_000_000_000n !== 0n) errs.push(fieldError.invalid(path, quantityString(q), 'must be an integer'));
  return errs;
}

/** `ValidateContainerResourceRequirements`: names, quantities, and requests ≤ limits. */
export function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  const r = asObject(resources) ?? {};
  const limits = asObject(r.limits) ?? {};
  const requests = asObject(r.requests) ?? {};
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const errs: FieldError[] = [];
  for (const [name, value] of Object.entries(limits)) {
    errs.push(...validateContainerResourceName(name, key(limPath, name)));
    const q = parseOrUndefined(value);
    if (q) errs.push(...validateResourceQuantityValue(name, q, key(limPath, name)));
  }
  for (const [name, value] of Object.entries(requests)) {
    errs.push(...validateContainerResourceName(name, key(reqPath, name)));
    const q = parseOrUndefined(value);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, key(reqPath, name)));
    const limit = name in limits ? parseOrUndefined(limits[name]) : undefined;
    if (limit) {
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldError.invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limit)}`));
      } else if (cmp > 0) {
        errs.push(fieldError.invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limit)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

/** `ValidatePortNumOrName`: a number in range or an IANA_SVC_NAME. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldError.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldError.invalid(path, port, m));
  return [fieldError.invalid(path, port ?? null, 'must be a number or a name')];
}

const handlerTypes = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

/** `validateHandler`: exactly one of exec / httpGet / tcpSocket / grpc (probes) or sleep (lifecycle). */
export function validateHandler(handler: Loose, path: string, allowed: readonly string[], gracePeriod?: number): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const type of handlerTypes) {
    const h = allowed.includes(type) ? asObject(handler[type]) : undefined;
    if (!h) continue;
    const p = child(path, type);
    if (count > 0) { errs.push(fieldError.forbidden(p, 'may not specify more than 1 handler type')); continue; }
    count++;
    if (type === 'exec' && !(Array.isArray(h.command) && h.command.length)) errs.push(fieldError.required(child(p, 'command')));
    if (type === 'httpGet') {
      if (!str(h.path)) errs.push(fieldError.required(child(p, 'path')));
      errs.push(...validatePortNumOrName(h.port, child(p, 'port')));
      const scheme = str(h.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldError.notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
      for (const header of asObjects(h.httpHeaders)) {
        errs.push(...isHTTPHeaderName(str(header.name)).map((m) => fieldError.invalid(child(p, 'httpHeaders'), str(header.name), m)));
      }
    }
    if (type === 'tcpSocket') errs.push(...validatePortNumOrName(h.port, child(p, 'port')));
    if (type === 'grpc') errs.push(...validatePortNumOrName(num(h.port), child(p, 'port')));
    if (type === 'sleep' && gracePeriod !== undefined && (num(h.seconds) <= 0 || num(h.seconds) > gracePeriod)) {
      errs.push(fieldError.invalid(p, num(h.seconds),
        `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`));
    }
  }
  if (count === 0) errs.push(fieldError.required(path, 'must specify a handler type'));
  return errs;
}

/** `validateProbe` plus the liveness/startup `successThreshold: must be 1` rule. */
export function validateProbe(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  const pr = asObject(probe);
  if (!pr) return [];
  const errs = validateHandler(pr, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegativeField(num(pr[f]), child(path, f)));
  }
  if (typeof pr.terminationGracePeriodSeconds === 'number' && pr.terminationGracePeriodSeconds <= 0) {
    errs.push(fieldError.invalid(child(path, 'terminationGracePeriodSeconds'), pr.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && num(pr.successThreshold) !== 1) {
    errs.push(fieldError.invalid(child(path, 'successThreshold'), num(pr.successThreshold), 'must be 1'));
  }
  if (kind === 'readiness' && pr.terminationGracePeriodSeconds !== undefined) {
    errs.push(fieldError.invalid(child(path, 'terminationGracePeriodSeconds'), pr.terminationGracePeriodSeconds ?? null,
      'must not be set for readinessProbes'));
  }
  return errs;
}

/** `validateContainerCommon`: what every container kind (regular, init, ephemeral) must satisfy. */
export function validateContainerCommon(ctr: Loose, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr.name);
  if (!name) errs.push(fieldError.required(child(path, 'name')));
  else errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(path, 'name'), name, m)));
  if (!str(ctr.image)) errs.push(fieldError.required(child(path, 'image')));
  const tmp = str(ctr.terminationMessagePolicy);
  if (!tmp) errs.push(fieldError.required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldError.notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(ctr.ports, child(path, 'ports')));
  errs.push(...validateEnv(ctr.env, child(path, 'env')));
  errs.push(...validateEnvFrom(ctr.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, volumes, child(path, 'volumeMounts')));
  const pull = str(ctr.imagePullPolicy);
  if (!pull) errs.push(fieldError.required(child(path, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(fieldError.notSupported(child(path, 'imagePullPolicy'), pull, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(ctr.resources, child(path, 'resources')));
  return errs;
}
