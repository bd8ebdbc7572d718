/**
 * Shared builders for the apply tests: a Deployment configuration as a learner writes it, and the
 * same Deployment as the API server stores it after defaulting.
 */
import type { KubeObject } from '../types.ts';

export const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);
export const at = (seconds: number): number => t0 + seconds * 1000;
export const apps = { group: 'apps', version: 'v1', kind: 'Deployment' } as const;

interface Container {
  name: string;
  image?: string;
  ports?: { containerPort: number; protocol?: string }[];
}

/** The shape of webConfig, loose enough for tests to edit. */
export interface WebConfig extends KubeObject {
  spec: {
    replicas?: number;
    paused?: boolean;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
  };
}

/** A Deployment configuration file; `edit` changes the copy before it is returned. */
export function webConfig(edit: (d: WebConfig) => void = () => {}): WebConfig {
  const d: WebConfig = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
  edit(d);
  return d;
}

/** The Deployment `kubectl create deployment web --image=nginx` stores, defaulted as v1.32 defaults it. */
export function storedWeb(): KubeObject & { spec: Record<string, unknown> } {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, creationTimestamp: null },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [{
            name: 'nginx', image: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File', imagePullPolicy: 'Always',
          }],
          restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst',
          securityContext: {}, schedulerName: 'default-scheduler',
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}
