/**
 * The RBAC objects a new kind v1.32 cluster holds: kube-apiserver's bootstrap policy (ClusterRoles,
 * their ClusterRoleBindings, the `system:controller:*` roles bound to each controller's service
 * account, the kube-system Role for reading the authentication ConfigMap) and what kubeadm adds —
 * above all `kubeadm:cluster-admins`, which makes the kubeconfig's `kubernetes-admin` a cluster admin.
 */
import type { KubeObject } from '../types.ts';
import { bootstrapClusterRoles, type RoleData } from './bootstrap-roles.ts';
import { controllerRoles } from './controller-roles.ts';
import type { Subject } from './types.ts';

const apiVersion = 'rbac.authorization.k8s.io/v1';
const apiGroup = 'rbac.authorization.k8s.io';
const defaults = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };

const user = (name: string): Subject => ({ apiGroup, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup, kind: 'Group', name });
const serviceAccount = (name: string, namespace = 'kube-system'): Subject => ({ kind: 'ServiceAccount', name, namespace });

function clusterRole(role: RoleData, bootstrap = true): KubeObject {
  const metadata = bootstrap
    ? { name: role.name, labels: { ...defaults.labels, ...role.labels }, annotations: { ...defaults.annotations } }
    : { name: role.name };
  const object: KubeObject = { apiVersion, kind: 'ClusterRole', metadata };
  if (role.aggregateFrom) object.aggregationRule = { clusterRoleSelectors: role.aggregateFrom.map((matchLabels) => ({ matchLabels })) };
  object.rules = role.rules ?? null;
  return object;
}

function clusterRoleBinding(name: string, role: string, subjects: Subject[], bootstrap = true): KubeObject {
  const metadata = bootstrap ? { name, labels: { ...defaults.labels }, annotations: { ...defaults.annotations } } : { name };
  const object: KubeObject = { apiVersion, kind: 'ClusterRoleBinding', metadata, roleRef: { apiGroup, kind: 'ClusterRole', name: role } };
  if (subjects.length) object.subjects = subjects;
  return object;
}

/** The ClusterRoleBindings of the bootstrap policy (testdata/cluster-role-bindings.yaml). */
function bootstrapBindings(): KubeObject[] {
  return [
    clusterRoleBinding('cluster-admin', 'cluster-admin', [group('system:masters')]),
    clusterRoleBinding('system:basic-user', 'system:basic-user', [group('system:authenticated')]),
    clusterRoleBinding('system:discovery', 'system:discovery', [group('system:authenticated')]),
    clusterRoleBinding('system:kube-controller-manager', 'system:kube-controller-manager', [user('system:kube-controller-manager')]),
    clusterRoleBinding('system:kube-dns', 'system:kube-dns', [serviceAccount('kube-dns')]),
    clusterRoleBinding('system:kube-scheduler', 'system:kube-scheduler', [user('system:kube-scheduler')]),
    clusterRoleBinding('system:monitoring', 'system:monitoring', [group('system:monitoring')]),
    // Kubelets are authorized by the Node authorizer; the binding is kept without subjects.
    clusterRoleBinding('system:node', 'system:node', []),
    clusterRoleBinding('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')]),
    clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
    clusterRoleBinding('system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', [group('system:serviceaccounts')]),
    clusterRoleBinding('system:volume-scheduler', 'system:volume-scheduler', [user('system:kube-scheduler')]),
  ];
}

/** The kube-system Role and RoleBinding that let components read `extension-apiserver-authentication`. */
function namespacedPolicy(): KubeObject[] {
  const name = 'extension-apiserver-authentication-reader';
  return [
    {
      apiVersion, kind: 'Role', metadata: { name, namespace: 'kube-system', ...structuredClone(defaults) },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['extension-apiserver-authentication'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion, kind: 'RoleBinding', metadata: { name: `system::${name}`, namespace: 'kube-system', ...structuredClone(defaults) },
      roleRef: { apiGroup, kind: 'Role', name }, subjects: [user('system:kube-controller-manager'), user('system:kube-scheduler')],
    },
  ];
}

/** What kubeadm v1.32 creates: the admin group's binding, and the bindings node bootstrap and kube-proxy use. */
export function kubeadmPolicy(): KubeObject[] {
  const bootstrapTokens = group('system:bootstrappers:kubeadm:default-node-token');
  return [
    clusterRole({ name: 'kubeadm:get-nodes', rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] }, false),
    clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')], false),
    clusterRoleBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', [bootstrapTokens], false),
    clusterRoleBinding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [bootstrapTokens], false),
    clusterRoleBinding('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [bootstrapTokens], false),
    clusterRoleBinding('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [group('system:nodes')], false),
    clusterRoleBinding('kubeadm:node-proxier', 'system:node-proxier', [serviceAccount('kube-proxy')], false),
  ];
}

/**
 * kube-apiserver's bootstrap policy: every ClusterRole (aggregated ones with `rules: null`, for
 * the clusterrole-aggregation controller to fill), the controller roles, and their bindings.
 */
export function bootstrapPolicy(): KubeObject[] {
  const controllers = Object.entries(controllerRoles());
  return [
    ...bootstrapClusterRoles().map((role) => clusterRole(role)),
    ...controllers.map(([name, rules]) => clusterRole({ name: `system:controller:${name}`, rules })),
    ...bootstrapBindings(),
    ...controllers.map(([name]) => clusterRoleBinding(`system:controller:${name}`, `system:controller:${name}`, [serviceAccount(name)])),
    ...namespacedPolicy(),
  ];
}
