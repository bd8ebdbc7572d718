/**
 * kind's local-path-provisioner (namespace `local-path-storage`): the Deployment that serves the
 * default StorageClass `standard`. The provisioning itself is simulated by
 * controllers/persistentvolume; these objects make the cluster look as kind's does.
 */
import type { KubeObject } from '../api/types.ts';

const config = `{
        "nodePathMap":[
        {
                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                "paths":["/var/local-path-provisioner"]
        }
        ]
}`;

export function localPathObjects(): KubeObject[] {
  const labels = { app: 'local-path-provisioner' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local-path-storage' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'local-path-provisioner-service-account', namespace: 'local-path-storage' } },
    {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'local-path-config', namespace: 'local-path-storage' },
      data: {
        'config.json': config,
        helperPod: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: helper-pod\nspec:\n  containers:\n  - name: helper-pod\n    image: docker.io/kindest/local-path-helper:v20241212-8ac705d0\n    imagePullPolicy: IfNotPresent\n',
        setup: '#!/bin/sh\nset -eu\nmkdir -m 0777 -p "$VOL_DIR"',
        teardown: '#!/bin/sh\nset -eu\nrm -rf "$VOL_DIR"',
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              name: 'local-path-provisioner',
              image: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
              imagePullPolicy: 'IfNotPresent',
              command: ['local-path-provisioner', '--debug', 'start', '--helper-image', 'docker.io/kindest/local-path-helper:v20241212-8ac705d0', '--config', '/etc/config/config.json'],
              env: [
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'CONFIG_MOUNT_PATH', value: '/etc/config/' },
              ],
              volumeMounts: [{ mountPath: '/etc/config/', name: 'config-volume' }],
            }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            serviceAccountName: 'local-path-provisioner-service-account',
            tolerations: [
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' },
            ],
            volumes: [{ configMap: { name: 'local-path-config' }, name: 'config-volume' }],
          },
        },
      },
    },
  ];
}
