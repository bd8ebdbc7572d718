/**
 * The control plane's static pods, as kubeadm writes them to /etc/kubernetes/manifests on a kind
 * v1.32 control-plane node: etcd, kube-apiserver, kube-controller-manager and kube-scheduler. The
 * control-plane node's kubelet runs them and mirrors them into the API (kubelet/static-pods.ts).
 */
import type { KubeObject } from '../api/types.ts';

const version = 'v1.32.2';

interface Probe {
  path: string;
  port: number;
  scheme: 'HTTP' | 'HTTPS';
  host: string;
  failureThreshold: number;
  periodSeconds: number;
  initialDelaySeconds?: number;
}

function probe(p: Probe): Record<string, unknown> {
  return {
    failureThreshold: p.failureThreshold,
    httpGet: { host: p.host, path: p.path, port: p.port, scheme: p.scheme },
    ...(p.initialDelaySeconds ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
    periodSeconds: p.periodSeconds,
    timeoutSeconds: 15,
  };
}

interface Component {
  name: string;
  image: string;
  command: string[];
  cpu: string;
  memory?: string;
  health: { host: string; port: number; scheme: 'HTTP' | 'HTTPS'; live: string; ready?: string; start: string };
  mounts: [name: string, path: string, readOnly: boolean, type: string][];
  annotations?: Record<string, string>;
}

/** A kubeadm static pod: host network, system-node-critical, probes on the component's health port. */
function staticPod(c: Component): KubeObject {
  const { host, port, scheme } = c.health;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: c.name,
      namespace: 'kube-system',
      labels: { component: c.name, tier: 'control-plane' },
      ...(c.annotations ? { annotations: c.annotations } : {}),
    },
    spec: {
      containers: [{
        name: c.name,
        image: c.image,
        imagePullPolicy: 'IfNotPresent',
        command: c.command,
        livenessProbe: probe({ host, port, scheme, path: c.health.live, failureThreshold: 8, periodSeconds: 10, initialDelaySeconds: 10 }),
        ...(c.health.ready ? { readinessProbe: probe({ host, port, scheme, path: c.health.ready, failureThreshold: 3, periodSeconds: 1 }) } : {}),
        startupProbe: probe({ host, port, scheme, path: c.health.start, failureThreshold: 24, periodSeconds: 10, initialDelaySeconds: 10 }),
        resources: { requests: { cpu: c.cpu, ...(c.memory ? { memory: c.memory } : {}) } },
        volumeMounts: c.mounts.map(([name, mountPath, readOnly]) => ({ mountPath, name, ...(readOnly ? { readOnly: true } : {}) })),
      }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: c.mounts.map(([name, path, , type]) => ({ hostPath: { path, type }, name })),
    },
  };
}

const pki: [string, string, boolean, string][] = [
  ['ca-certs', '/etc/ssl/certs', true, 'DirectoryOrCreate'],
  ['etc-ca-certificates', '/etc/ca-certificates', true, 'DirectoryOrCreate'],
  ['k8s-certs', '/etc/kubernetes/pki', true, 'DirectoryOrCreate'],
  ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', true, 'DirectoryOrCreate'],
  ['usr-share-ca-certificates', '/usr/share/ca-certificates', true, 'DirectoryOrCreate'],
];

/** The four static pods of a control-plane node whose InternalIP is `address`. */
export function controlPlaneStaticPods(nodeName: string, address: string): KubeObject[] {
  return [
    staticPod({
      name: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.16-0',
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${address}:2379` },
      command: [
        'etcd', `--advertise-client-urls=https://${address}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true', '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s', `--initial-advertise-peer-urls=https://${address}:2380`,
        `--initial-cluster=${nodeName}=https://${address}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${address}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${address}:2380`, `--name=${nodeName}`, '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      cpu: '100m',
      memory: '100Mi',
      health: { host: '127.0.0.1', port: 2381, scheme: 'HTTP', live: '/livez', ready: '/readyz', start: '/readyz' },
      mounts: [['etcd-certs', '/etc/kubernetes/pki/etcd', false, 'DirectoryOrCreate'], ['etcd-data', '/var/lib/etcd', false, 'DirectoryOrCreate']],
    }),
    staticPod({
      name: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${version}`,
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${address}:6443` },
      command: [
        'kube-apiserver', `--advertise-address=${address}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key', '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt', '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client', '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-', '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User', '--runtime-config=', '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key', '--service-cluster-ip-range=10.96.0.0/16',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      cpu: '250m',
      health: { host: address, port: 6443, scheme: 'HTTPS', live: '/livez', ready: '/readyz', start: '/livez' },
      mounts: pki,
    }),
    staticPod({
      name: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${version}`,
      command: [
        'kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--cluster-cidr=10.244.0.0/16', '--cluster-name=kind',
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner', '--enable-hostpath-provisioner=true',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt', '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', '--service-cluster-ip-range=10.96.0.0/16',
        '--use-service-account-credentials=true',
      ],
      cpu: '200m',
      health: { host: '127.0.0.1', port: 10257, scheme: 'HTTPS', live: '/healthz', start: '/healthz' },
      mounts: [...pki, ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', false, 'DirectoryOrCreate'],
        ['kubeconfig', '/etc/kubernetes/controller-manager.conf', true, 'FileOrCreate']],
    }),
    staticPod({
      name: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${version}`,
      command: [
        'kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true',
      ],
      cpu: '100m',
      health: { host: '127.0.0.1', port: 10259, scheme: 'HTTPS', live: '/livez', ready: '/readyz', start: '/livez' },
      mounts: [['kubeconfig', '/etc/kubernetes/scheduler.conf', true, 'FileOrCreate']],
    }),
  ];
}
