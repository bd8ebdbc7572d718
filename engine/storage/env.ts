/**
 * The kubelet's makeEnvironmentVariables: a container's environment from `envFrom` (ConfigMaps
 * and Secrets, with a prefix) and then `env` (literal values with `$(VAR)` references, ConfigMap
 * and Secret keys, the downward API). A missing object or key that is not `optional` stops the
 * container from being created: the error becomes the CreateContainerConfigError message.
 */
import type { ConfigMap, Container, Secret } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { PodFacts } from './downward-api.ts';
import { podFieldValue, resourceFieldValue } from './downward-api.ts';

/** Where the kubelet reads ConfigMaps and Secrets (its watch-based caches). */
export interface ConfigSource {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
}

/** The environment, or why the container cannot be created; warnings become kubelet events. */
export type EnvResult = { env: Record<string, string>; warnings: string[] } | { error: string };

/** The image's PATH, which every container's environment starts with. */
export const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A Secret's value as the process sees it: base64 decoded, as UTF-8 text. */
export function decodeSecretValue(base64: string): string {
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * validation.IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, beta and on in v1.32):
 * printable ASCII without `=`. ConfigMap keys always pass; a prefix with a space does not.
 */
const envVarName = /^[\x20-\x3c\x3e-\x7e]+$/;

/** `$(VAR)` expands to a variable defined before; `$$(VAR)` stays literal as `$(VAR)`. */
export function expandReferences(value: string, defined: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) => {
    if (name === undefined) return '$';
    return defined[name] ?? all;
  });
}

function secretData(secret: Secret): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) data[k] = decodeSecretValue(v);
  return { ...data, ...(secret.stringData ?? {}) };
}

/** Build a container's environment as the kubelet does before creating it. */
export function makeEnvironmentVariables(pod: KubeObject, container: Container, source: ConfigSource, facts: PodFacts): EnvResult {
  const namespace = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = { PATH: defaultPath };
  const warnings: string[] = [];
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref?.name) continue;
    const isConfigMap = !!from.configMapRef;
    const object = isConfigMap ? source.configMap(namespace, ref.name) : source.secret(namespace, ref.name);
    if (!object) {
      if (ref.optional) continue;
      return { error: `${isConfigMap ? 'configmap' : 'secret'} "${ref.name}" not found` };
    }
    const data = isConfigMap ? (object as ConfigMap).data ?? {} : secretData(object as Secret);
    const invalid: string[] = [];
    for (const [key, value] of Object.entries(data)) {
      const name = (from.prefix ?? '') + key;
      if (!envVarName.test(name)) invalid.push(name);
      else env[name] = value;
    }
    if (invalid.length) {
      warnings.push(`Keys [${invalid.sort().join(', ')}] from the EnvFrom ${isConfigMap ? 'configMap' : 'secret'} ${namespace}/${ref.name} were skipped since they are considered invalid environment variable names.`);
    }
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (!from) {
      env[variable.name] = expandReferences(variable.value ?? '', env);
      continue;
    }
    if (from.fieldRef) {
      env[variable.name] = podFieldValue(pod, from.fieldRef.fieldPath, facts) ?? '';
    } else if (from.resourceFieldRef) {
      env[variable.name] = resourceFieldValue(container, from.resourceFieldRef, facts);
    } else if (from.configMapKeyRef) {
      const { name = '', key, optional } = from.configMapKeyRef;
      const configMap = source.configMap(namespace, name);
      if (!configMap) {
        if (optional) continue;
        return { error: `configmap "${name}" not found` };
      }
      const value = configMap.data?.[key];
      if (value === undefined) {
        if (optional) continue;
        return { error: `couldn't find key ${key} in ConfigMap ${namespace}/${name}` };
      }
      env[variable.name] = value;
    } else if (from.secretKeyRef) {
      const { name = '', key, optional } = from.secretKeyRef;
      const secret = source.secret(namespace, name);
      if (!secret) {
        if (optional) continue;
        return { error: `secret "${name}" not found` };
      }
      const value = secretData(secret)[key];
      if (value === undefined) {
        if (optional) continue;
        return { error: `couldn't find key ${key} in Secret ${namespace}/${name}` };
      }
      env[variable.name] = value;
    }
  }
  return { env, warnings };
}
