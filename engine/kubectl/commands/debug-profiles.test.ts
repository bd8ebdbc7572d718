import { describe, expect, it } from 'vitest';
import { applyProfile, type DebugProfile, type DebugStyle, type KeepFlags } from './debug-profiles.ts';
import type { Json } from './write-support.ts';

const keepNothing: KeepFlags = { labels: false, annotations: false, liveness: false, readiness: false, startup: false, initContainers: true };
const hostRoot = { volumes: [{ name: 'host-root', hostPath: { path: '/' } }] };
const mount = { volumeMounts: [{ mountPath: '/host', name: 'host-root' }] };
const hostNamespaces = { hostNetwork: true, hostPID: true, hostIPC: true };

function nodePod(): Json {
  return { metadata: { name: 'node-debugger-node-1-x' }, spec: { containers: [{ name: 'debugger', image: 'busybox', securityContext: { runAsUser: 0 } }] } };
}

function ephemeralPod(): Json {
  return { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] } };
}

function copiedPod(): Json {
  return {
    metadata: { name: 'copy', labels: { app: 'web' }, annotations: { a: 'b' } },
    spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'web', image: 'nginx', readinessProbe: { tcpSocket: { port: 80 } } }, { name: 'dbg', image: 'busybox' }] },
  };
}

describe('applyProfile', () => {
  it.each<[DebugProfile, DebugStyle, () => Json, Json]>([
    ['legacy', 'node', nodePod, { metadata: { name: 'node-debugger-node-1-x' }, spec: { containers: [{ name: 'debugger', image: 'busybox', securityContext: { runAsUser: 0 }, ...mount }], ...hostRoot, ...hostNamespaces } }],
    ['general', 'node', nodePod, { metadata: { name: 'node-debugger-node-1-x' }, spec: { containers: [{ name: 'debugger', image: 'busybox', ...mount }], ...hostRoot, ...hostNamespaces } }],
    ['baseline', 'node', nodePod, { metadata: { name: 'node-debugger-node-1-x' }, spec: { containers: [{ name: 'debugger', image: 'busybox' }] } }],
    ['sysadmin', 'node', nodePod, { metadata: { name: 'node-debugger-node-1-x' }, spec: { containers: [{ name: 'debugger', image: 'busybox', securityContext: { runAsUser: 0, privileged: true }, ...mount }], ...hostNamespaces, ...hostRoot } }],
    ['netadmin', 'ephemeral', ephemeralPod, { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox', securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } } }] } }],
    ['restricted', 'ephemeral', ephemeralPod, {
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'web', image: 'nginx' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox', securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } } }] },
    }],
    ['general', 'podCopy', copiedPod, {
      metadata: { name: 'copy' },
      spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'web', image: 'nginx' }, { name: 'dbg', image: 'busybox', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } }], shareProcessNamespace: true },
    }],
    ['legacy', 'podCopy', copiedPod, {
      metadata: { name: 'copy', annotations: { a: 'b' } },
      spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'web', image: 'nginx', readinessProbe: { tcpSocket: { port: 80 } } }, { name: 'dbg', image: 'busybox' }] },
    }],
  ])('%s on %s', (profile, style, make, expected) => {
    const pod = make();
    const name = style === 'node' ? 'debugger' : 'dbg';
    applyProfile(profile, pod, name, style, keepNothing);
    expect(pod).toEqual(expected);
  });

  it('keeps what the --keep flags ask for in a copy', () => {
    const pod = copiedPod();
    applyProfile('baseline', pod, 'dbg', 'podCopy', { labels: true, annotations: false, liveness: false, readiness: true, startup: false, initContainers: false });
    expect(pod).toEqual({
      metadata: { name: 'copy', labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', readinessProbe: { tcpSocket: { port: 80 } } }, { name: 'dbg', image: 'busybox' }], shareProcessNamespace: true },
    });
  });
});
