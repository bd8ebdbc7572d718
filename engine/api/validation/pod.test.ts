import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import type { Loose } from './field-path.ts';
import { validatePodCreate, validatePodSpec, validatePodTemplateSpec, validatePodUpdate } from './pod.ts';

const texts = (errs: FieldError[]): string[] => errs.map(errorText);

/** A container as defaulting leaves it. */
function container(name: string, extra: Loose = {}): Loose {
  return { name, image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File', terminationMessagePath: '/dev/termination-log', ...extra };
}

/** A pod spec as defaulting leaves it. */
function spec(extra: Loose = {}): Loose {
  return { containers: [container('web')], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', ...extra };
}

function pod(s: Loose, meta: Loose = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', ...meta }, spec: s };
}

describe('validatePodSpec', () => {
  it.each<[string, Loose, string[]]>([
    ['valid', spec(), []],
    ['no containers', spec({ containers: [] }), ['spec.containers: Required value']],
    ['duplicate container names', spec({ containers: [container('web'), container('web')] }), ['spec.containers[1].name: Duplicate value: "web"']],
    ['missing image', spec({ containers: [container('web', { image: '' })] }), ['spec.containers[0].image: Required value']],
    ['bad container name', spec({ containers: [container('Web')] }), [
      "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]],
    ['containerPort out of range', spec({ containers: [container('web', { ports: [{ containerPort: 70000, protocol: 'TCP' }] })] }),
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['bad port name', spec({ containers: [container('web', { ports: [{ name: 'http_web', containerPort: 80, protocol: 'TCP' }] })] }),
      ['spec.containers[0].ports[0].name: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    ['duplicate hostPort', spec({ containers: [
      container('a', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }),
      container('b', { ports: [{ containerPort: 81, hostPort: 80, protocol: 'TCP' }] }),
    ] }), ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"']],
    ['requests over limits', spec({ containers: [container('web', { resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] }),
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']],
    ['negative quantity', spec({ containers: [container('web', { resources: { requests: { memory: '-1' } } })] }),
      ['spec.containers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0']],
    ['unknown resource', spec({ containers: [container('web', { resources: { limits: { gpu: '1' } } })] }), [
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]],
    ['mount without volume', spec({ containers: [container('web', { volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] })] }),
      ['spec.containers[0].volumeMounts[0].name: Not found: "html"']],
    ['two volume types', spec({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x', type: '' } }] }),
      ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']],
    ['no volume type', spec({ volumes: [{ name: 'v' }] }), ['spec.volumes[0]: Required value: must specify a volume type']],
    ['downwardAPI typo path', spec({ volumes: [{ name: 'v', emptyDir: {}, downwardAPI: {} }] }),
      ['spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type']],
    ['env valueFrom without source', spec({ containers: [container('web', { env: [{ name: 'A', valueFrom: {} }] })] }),
      ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`']],
    ['env value and valueFrom', spec({ containers: [container('web', { env: [{ name: 'A', value: 'x', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] })] }),
      ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty']],
    ['envFrom without source', spec({ containers: [container('web', { envFrom: [{ prefix: 'X_' }] })] }),
      ['spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`']],
    ['probe without handler', spec({ containers: [container('web', { livenessProbe: { periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 } })] }),
      ['spec.containers[0].livenessProbe: Required value: must specify a handler type']],
    ['liveness successThreshold', spec({ containers: [container('web', { livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 2, failureThreshold: 3 } })] }),
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']],
    ['negative period', spec({ containers: [container('web', { readinessProbe: { exec: { command: ['true'] }, periodSeconds: -1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 } })] }),
      ['spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0']],
    ['restartPolicy', spec({ restartPolicy: 'Sometimes' }), ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['dnsPolicy', spec({ dnsPolicy: 'Cluster' }), ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    ['imagePullPolicy', spec({ containers: [container('web', { imagePullPolicy: 'Sometimes' })] }),
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']],
    ['toleration with empty key', spec({ tolerations: [{ operator: 'Equal', value: 'x' }] }),
      ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']],
    ['tolerationSeconds needs NoExecute', spec({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] }),
      ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]],
    ['nodeSelector label value', spec({ nodeSelector: { disk: 'fast ssd' } }),
      ["spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]],
    ['activeDeadlineSeconds', spec({ activeDeadlineSeconds: 0 }), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    ['terminationGracePeriodSeconds missing', spec({ terminationGracePeriodSeconds: undefined }), ['spec.terminationGracePeriodSeconds: Required value']],
    ['affinity without topologyKey', spec({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } } }), [
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty",
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]],
    ['runAsUser', spec({ securityContext: { runAsUser: -1 } }), ['spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 4294967295, inclusive']],
  ])('%s', (_, s, expected) => {
    expect(texts(validatePodSpec(s, 'spec', { resourceIsPod: true }))).toEqual(expected);
  });

  it('prefixes template paths', () => {
    const errs = validatePodTemplateSpec({ metadata: { labels: { app: 'web' } }, spec: spec({ containers: [container('web', { image: '' })] }) }, 'spec.template');
    expect(texts(errs)).toEqual(['spec.template.spec.containers[0].image: Required value']);
  });

  it('forbids ephemeral containers in templates', () => {
    const errs = validatePodTemplateSpec({ spec: spec({ ephemeralContainers: [container('debug')] }) }, 'spec.template');
    expect(texts(errs)).toEqual(['spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template']);
  });
});

describe('validatePodCreate', () => {
  it('forbids ephemeral containers on create', () => {
    expect(texts(validatePodCreate(pod(spec({ ephemeralContainers: [container('debug')] })))))
      .toEqual(['spec.ephemeralContainers: Forbidden: cannot be set on create']);
  });

  it('rejects images with surrounding spaces', () => {
    expect(texts(validatePodCreate(pod(spec({ containers: [container('web', { image: ' nginx' })] })))))
      .toEqual(['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']);
  });
});

describe('validatePodUpdate', () => {
  const meta = { uid: 'u', resourceVersion: '3' };
  const old = pod(spec({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] }), meta);

  it('allows image changes, shorter deadlines and new tolerations', () => {
    const next = pod(spec({
      containers: [container('web', { image: 'nginx:1.26' })],
      tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }, { key: 'x', operator: 'Exists' }],
    }), meta);
    expect(validatePodUpdate(next, old)).toEqual([]);
  });

  it('forbids other spec changes with the 1.32 message', () => {
    const next = pod({ ...(old.spec as Loose), restartPolicy: 'Never' }, meta);
    const errs = texts(validatePodUpdate(next, old));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/);
    expect(errs[0]).toContain('- \trestartPolicy: "Always",\n+ \trestartPolicy: "Never",');
  });

  it('forbids adding containers and changing tolerations', () => {
    const more = pod(spec({ containers: [container('web'), container('b')], tolerations: (old.spec as Loose).tolerations }), meta);
    expect(texts(validatePodUpdate(more, old))).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
    const changed = pod(spec({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] }), meta);
    expect(texts(validatePodUpdate(changed, old))).toContain('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });
});
