/**
 * Printers for cluster-level and access-control kinds: Node, Namespace, ComponentStatus, Lease,
 * PriorityClass, RoleBinding, ClusterRoleBinding and the ValidatingAdmissionPolicy pair.
 */
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-types/admissionregistration/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ComponentStatus, Namespace, Node } from 'kubernetes-types/core/v1';
import type { RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { ageColumn, column, integer, nameColumn, nameOf, text } from './columns.ts';
import { timestampSince } from './duration.ts';
import { compareBytes, goLabelSelectorString } from './format.ts';
import type { Printer } from './types.ts';

const rolePrefix = 'node-role.kubernetes.io/';

/** The STATUS cell of a node: Ready / NotReady / Unknown, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  // The last Ready condition wins, as a map keyed by type would keep it.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** The ROLES of a node: `node-role.kubernetes.io/<role>` label suffixes and a `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(rolePrefix)) {
      const role = key.slice(rolePrefix.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return [...roles].sort(compareBytes);
}

/** The first node address of a type (`InternalIP`, `ExternalIP`), or `<none>`. */
export function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** Node: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    text('Status', { text: 'The status of the node' }),
    text('Roles', { text: 'The roles of the node' }),
    ageColumn,
    text('Version', 'core/v1 NodeSystemInfo.kubeletVersion'),
    text('Internal-IP', 'core/v1 NodeStatus.addresses', 1),
    text('External-IP', 'core/v1 NodeStatus.addresses', 1),
    text('OS-Image', 'core/v1 NodeSystemInfo.osImage', 1),
    text('Kernel-Version', 'core/v1 NodeSystemInfo.kernelVersion', 1),
    text('Container-Runtime', 'core/v1 NodeSystemInfo.containerRuntimeVersion', 1),
  ],
  print(object, { now }) {
    const node = object as Node;
    const info = node.status?.nodeInfo;
    return {
      cells: [
        nameOf(node),
        nodeStatus(node),
        nodeRoles(node).join(',') || '<none>',
        timestampSince(node.metadata?.creationTimestamp, now),
        info?.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

/** Namespace: NAME STATUS AGE. */
export const namespacePrinter: Printer = {
  columns: [nameColumn, text('Status', { text: 'The status of the namespace' }), ageColumn],
  print(object, { now }) {
    const namespace = object as Namespace;
    return { cells: [nameOf(namespace), namespace.status?.phase ?? '', timestampSince(namespace.metadata?.creationTimestamp, now)] };
  },
};

/** ComponentStatus: NAME STATUS MESSAGE ERROR (no AGE). */
export const componentStatusPrinter: Printer = {
  columns: [
    nameColumn,
    text('Status', { text: 'Status of the component conditions' }),
    text('Message', { text: 'Message of the component conditions' }),
    text('Error', { text: 'Error of the component conditions' }),
  ],
  print(object) {
    const component = object as ComponentStatus;
    const healthy = component.conditions?.find((c) => c.type === 'Healthy');
    const status = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return { cells: [nameOf(component), status, healthy?.message ?? '', healthy?.error ?? ''] };
  },
};

/** Lease: NAME HOLDER AGE. */
export const leasePrinter: Printer = {
  columns: [nameColumn, text('Holder', 'coordination/v1 LeaseSpec.holderIdentity'), ageColumn],
  print(object, { now }) {
    const lease = object as Lease;
    return { cells: [nameOf(lease), lease.spec?.holderIdentity ?? '', timestampSince(lease.metadata?.creationTimestamp, now)] };
  },
};

/** PriorityClass: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY (all priority 0). */
export const priorityClassPrinter: Printer = {
  columns: [
    nameColumn,
    integer('Value', 'scheduling/v1 PriorityClass.value'),
    column('Global-Default', 'boolean', 'scheduling/v1 PriorityClass.globalDefault'),
    ageColumn,
    text('PreemptionPolicy', 'scheduling/v1 PriorityClass.preemptionPolicy'),
  ],
  print(object, { now }) {
    const priorityClass = object as unknown as PriorityClass;
    return {
      cells: [
        nameOf(priorityClass),
        priorityClass.value ?? 0,
        priorityClass.globalDefault ?? false,
        timestampSince(priorityClass.metadata?.creationTimestamp, now),
        priorityClass.preemptionPolicy ?? '',
      ],
    };
  },
};

/** `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts of a binding. */
export function subjectsStrings(subjects: Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[]; others: string[] } {
  const result = { users: [] as string[], groups: [] as string[], serviceAccounts: [] as string[], others: [] as string[] };
  for (const subject of subjects ?? []) {
    if (subject.kind === 'ServiceAccount') result.serviceAccounts.push(`${subject.namespace ?? ''}/${subject.name}`);
    else if (subject.kind === 'User') result.users.push(subject.name);
    else if (subject.kind === 'Group') result.groups.push(subject.name);
    else result.others.push(`${subject.kind}/${subject.namespace ?? ''}/${subject.name}`);
  }
  return result;
}

function bindingPrinter(kind: 'roleBinding' | 'clusterRoleBinding'): Printer {
  const upstreamType = kind === 'roleBinding' ? 'RoleBinding' : 'ClusterRoleBinding';
  return {
    columns: [
      nameColumn,
      text('Role', `rbac/v1beta1 ${upstreamType}.roleRef`),
      ageColumn,
      text('Users', { text: `Users in the ${kind}` }, 1),
      text('Groups', { text: `Groups in the ${kind}` }, 1),
      text('ServiceAccounts', { text: `ServiceAccounts in the ${kind}` }, 1),
    ],
    print(object, { now }) {
      const binding = object as unknown as RoleBinding;
      const { users, groups, serviceAccounts } = subjectsStrings(binding.subjects);
      return {
        cells: [
          nameOf(binding),
          `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`,
          timestampSince(binding.metadata?.creationTimestamp, now),
          users.join(', '),
          groups.join(', '),
          serviceAccounts.join(', '),
        ],
      };
    },
  };
}

/** RoleBinding: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const roleBindingPrinter: Printer = bindingPrinter('roleBinding');

/** ClusterRoleBinding: the RoleBinding columns. */
export const clusterRoleBindingPrinter: Printer = bindingPrinter('clusterRoleBinding');

/** ValidatingAdmissionPolicy: NAME VALIDATIONS PARAMKIND AGE. */
export const validatingAdmissionPolicyPrinter: Printer = {
  columns: [
    nameColumn,
    integer('Validations', { text: 'Validations indicates the number of validation rules defined in this configuration' }),
    text('ParamKind', { text: 'ParamKind specifies the kind of resources used to parameterize this policy' }),
    ageColumn,
  ],
  print(object, { now }) {
    const policy = object as ValidatingAdmissionPolicy;
    const paramKind = policy.spec?.paramKind;
    return {
      cells: [
        nameOf(policy),
        (policy.spec?.validations ?? []).length,
        paramKind ? `${paramKind.apiVersion ?? ''}/${paramKind.kind ?? ''}` : '<unset>',
        timestampSince(policy.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/** ValidatingAdmissionPolicyBinding: NAME POLICYNAME PARAMREF AGE. */
export const validatingAdmissionPolicyBindingPrinter: Printer = {
  columns: [
    nameColumn,
    text('PolicyName', { text: 'PolicyName indicates the policy definition which the policy binding binded to' }),
    text('ParamRef', { text: 'ParamRef indicates the param resource which sets the configration param' }),
    ageColumn,
  ],
  print(object, { now }) {
    const binding = object as ValidatingAdmissionPolicyBinding;
    const ref = binding.spec?.paramRef;
    let param = '<unset>';
    // Whether the param is cluster-scoped is unknown here, so a name without namespace shows `*/`.
    if (ref?.name) param = ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
    else if (ref?.selector) param = goLabelSelectorString(ref.selector);
    return { cells: [nameOf(binding), binding.spec?.policyName ?? '', param, timestampSince(binding.metadata?.creationTimestamp, now)] };
  },
};
