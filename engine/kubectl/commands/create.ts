/**
 * `kubectl create -f FILE` (a POST per object, `error when creating "x.yaml": …` per failure)
 * and the generator subcommands (deployment, namespace, configmap, secret generic|docker-registry,
 * service clusterip|nodeport|loadbalancer|externalname, serviceaccount, job, cronjob, role,
 * clusterrole, rolebinding, clusterrolebinding, quota, priorityclass, poddisruptionbudget, ingress)
 * that POST the object kubectl builds, with `-o` and `--dry-run`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, withFlagTypes } from '../flags.ts';
import { canonicalize } from '../../api/defaulting/canonical-order.ts';
import type { KubeObject } from '../../api/types.ts';
import { printGeneric, shownByPrinter } from '../printers/generic.ts';
import { marshalIndent } from '../printers/go-json.ts';
import { fieldValidation } from './apply.ts';
import {
  buildConfigMap, buildCronJob, buildDeployment, buildDockerRegistrySecret, buildExternalNameService, buildGenericSecret, buildJob,
  buildLoadBalancerService, buildNamespace, buildService, buildServiceAccount,
} from './create-generators.ts';
import { buildIngress, buildPodDisruptionBudget, buildPriorityClass, buildQuota } from './create-policy-generators.ts';
import { buildClusterRole, buildClusterRoleBinding, buildRole, buildRoleBinding } from './create-rbac-generators.ts';
import { createClusterroleHelp } from './help/create-clusterrole.ts';
import { createClusterrolebindingHelp } from './help/create-clusterrolebinding.ts';
import { createIngressHelp } from './help/create-ingress.ts';
import { createPoddisruptionbudgetHelp } from './help/create-poddisruptionbudget.ts';
import { createPriorityclassHelp } from './help/create-priorityclass.ts';
import { createQuotaHelp } from './help/create-quota.ts';
import { createRoleHelp } from './help/create-role.ts';
import { createRolebindingHelp } from './help/create-rolebinding.ts';
import { createSecretDockerRegistryHelp } from './help/create-secret-docker-registry.ts';
import { createServiceExternalnameHelp } from './help/create-service-externalname.ts';
import { createServiceLoadbalancerHelp } from './help/create-service-loadbalancer.ts';
import { createServiceaccountHelp } from './help/create-serviceaccount.ts';
import { createHelp } from './help/create.ts';
import { createConfigmapHelp } from './help/create-configmap.ts';
import { createCronjobHelp } from './help/create-cronjob.ts';
import { createDeploymentHelp } from './help/create-deployment.ts';
import { createJobHelp } from './help/create-job.ts';
import { createNamespaceHelp } from './help/create-namespace.ts';
import { createSecretHelp } from './help/create-secret.ts';
import { createSecretGenericHelp } from './help/create-secret-generic.ts';
import { createServiceHelp } from './help/create-service.ts';
import { createServiceClusteripHelp } from './help/create-service-clusterip.ts';
import { createServiceNodeportHelp } from './help/create-service-nodeport.ts';
import { specFromHelp, type HelpData } from './help/types.ts';
import { recordChangeCause, withRecordFlag } from './record.ts';
import {
  bodyOf, dryRunOf, dryRunQuery, fieldManager, mappingForObject, nameLine, nameOfObject, objectPath, readFileObjects, requireFlags, resolveNamespace, restMapper, send, serverError, throwErrors, type Json,
} from './write-support.ts';
import { buildLastAppliedFor, withTypedLastApplied } from './last-applied.ts';
import { buildTlsSecret } from './create-secret-tls.ts';
import { createSecretTlsHelp } from './help/create-secret-tls.ts';
import { createTokenCommand } from './create-token.ts';
import { printFlagsFormat } from './print-flags.ts';
import { defaultSubCommandRun } from './sub-command-run.ts';

/**
 * Print what a create made: `-o FORMAT` prints the object, else the name printer's `created`.
 * `typed`: kubectl built the object (or decoded the answer) as a Go struct, so `-o json` writes
 * its keys in struct order (`kind`, `apiVersion`, `metadata`, …) rather than sorted.
 */
export function printCreated(context: CommandContext, mapping: Pick<ApiResource, 'kind' | 'group'>, object: Json, operation = 'created', typed = false): void {
  // `--template` alone means `-o go-template`; `-o wide` is an error here (PrintFlags.ToPrinter).
  const format = printFlagsFormat(context);
  if (format) {
    let shown = shownByPrinter(format, object, flagBool(context.flags, 'show-managed-fields'));
    // A typed object goes through Go's encoder first: zero fields appear (`creationTimestamp: null`).
    if (typed) shown = canonicalize(shown as KubeObject);
    if (typed && format.kind === 'json') {
      context.out.stdout.push(marshalIndent(shown, '    ', true));
      return;
    }
    context.out.stdout.push(printGeneric(format, shown, { noHeaders: false, files: context.files }));
    return;
  }
  context.out.stdout.push(nameLine(mapping, nameOfObject(object), operation, dryRunOf(context)));
}

function runCreateFromFiles(context: CommandContext): number {
  // ValidateArgs comes before the -f check: `kubectl create bogus thing`.
  if (context.args.length) {
    throw new KubectlError(`error: Unexpected args: [${context.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  }
  // Complete (dry run, the validation directive, then the printer) comes before Validate's -f check.
  const dryRun = dryRunOf(context);
  fieldValidation(context);
  printFlagsFormat(context);
  if (!flagList(context.flags, 'filename').length) {
    throw KubectlError.client('must specify one of -f and -k');
  }
  const mapper = restMapper(context);
  const errors: KubectlError[] = [];
  for (const item of readFileObjects(context, 'create')) {
    try {
      const mapping = mappingForObject(mapper, item);
      const namespace = resolveNamespace(context, mapping, item.object);
      // The change cause comes after --save-config's annotation, which so does not hold it.
      const body = structuredClone(flagBool(context.flags, 'save-config') ? buildLastAppliedFor(item.object) : item.object);
      recordChangeCause(context, body);
      let created = body;
      if (dryRun !== 'client') {
        const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-create'), fieldValidation: fieldValidation(context) };
        const response = send(context, 'POST', objectPath(mapping, namespace), { query, body });
        if (response.status >= 300) throw serverError(response, { verb: 'creating', file: item.source });
        created = response.body as Json;
      }
      printCreated(context, mapping, created);
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      errors.push(error);
    }
  }
  throwErrors(errors);
  return 0;
}

interface Generator {
  mapping: Pick<ApiResource, 'group' | 'version' | 'resource' | 'kind' | 'namespaced'>;
  build(context: CommandContext, name: string): Json;
  /**
   * How the generator wraps a failed POST (`fmt.Errorf("failed to create deployment: %v", err)`):
   * the Status message after this prefix, as a client error. Without it the error is the server's.
   */
  failure?: string;
  /** Flags marked required (MarkFlagRequired): cobra fails on them before NAME is looked at. */
  required?: string[];
}

/** A generator subcommand: one NAME, the object built, POSTed (or printed for a client dry run). */
function generatorCommand(name: string, path: string, help: HelpData, generator: Generator): CommandSpec {
  return specFromHelp(name, help, (context) => {
    requireFlags(context, generator.required ?? []);
    // NameFromCommandArgs: the arguments before `--` (all of them without one) must be exactly NAME.
    const atDash = context.flags.argsLenAtDash ?? -1;
    const names = atDash >= 0 ? atDash : context.args.length;
    if (names !== 1) throw new KubectlError(`error: exactly one NAME is required, got ${names}\nSee 'kubectl ${path} -h' for help and examples`);
    const dryRun = dryRunOf(context);
    fieldValidation(context);
    printFlagsFormat(context);
    const built = generator.build(context, context.args[0]);
    const object = flagBool(context.flags, 'save-config') ? withTypedLastApplied(built) : built;
    const mapping = { ...generator.mapping, singular: '', shortNames: [], categories: [], verbs: [], preferred: true };
    let created = object;
    if (dryRun !== 'client') {
      const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-create'), fieldValidation: fieldValidation(context) };
      const response = send(context, 'POST', objectPath(mapping, context.namespace), { query, body: object });
      if (response.status >= 300 && generator.failure !== undefined) {
        throw KubectlError.client(`${generator.failure}${String((response.body as Json | undefined)?.message ?? '')}`);
      }
      created = bodyOf(response);
    }
    printCreated(context, mapping, created, 'created', true);
    return 0;
  });
}

/** Help data with the Go flag types `--help` cannot show (Int32 flags, map flags) put back. */
const withTypes = (help: HelpData, types: Parameters<typeof withFlagTypes>[1]): HelpData => ({ ...help, flags: withFlagTypes(help.flags, types) });

const core = (resource: string, kind: string, namespaced = true): Generator['mapping'] => ({ group: '', version: 'v1', resource, kind, namespaced });

const secretCommand: CommandSpec = {
  ...specFromHelp('secret', createSecretHelp, defaultSubCommandRun('create secret', () => secretCommand), [
    generatorCommand('docker-registry', 'create secret docker-registry', createSecretDockerRegistryHelp, { mapping: core('secrets', 'Secret'), build: buildDockerRegistrySecret, failure: 'failed to create secret ' }),
    generatorCommand('generic', 'create secret generic', createSecretGenericHelp, { mapping: core('secrets', 'Secret'), build: buildGenericSecret, failure: 'failed to create secret ' }),
    generatorCommand('tls', 'create secret tls', createSecretTlsHelp, { mapping: core('secrets', 'Secret'), build: buildTlsSecret, failure: 'failed to create secret ' }),
  ]),
};

const serviceCommand: CommandSpec = specFromHelp('service', createServiceHelp, defaultSubCommandRun('create service', () => serviceCommand), [
  generatorCommand('clusterip', 'create service clusterip', createServiceClusteripHelp, { mapping: core('services', 'Service'), build: (c, n) => buildService(c, n, 'ClusterIP'), failure: 'failed to create ClusterIP service: ' }),
  generatorCommand('externalname', 'create service externalname', createServiceExternalnameHelp, { mapping: core('services', 'Service'), build: buildExternalNameService, required: ['external-name'], failure: 'failed to create ExternalName service: ' }),
  generatorCommand('loadbalancer', 'create service loadbalancer', createServiceLoadbalancerHelp, { mapping: core('services', 'Service'), build: buildLoadBalancerService, failure: 'failed to create LoadBalancer service: ' }),
  generatorCommand('nodeport', 'create service nodeport', createServiceNodeportHelp, { mapping: core('services', 'Service'), build: (c, n) => buildService(c, n, 'NodePort'), failure: 'failed to create NodePort service: ' }),
]);

/** The `create` command and its generator subcommands. */
export const createCommand: CommandSpec = withRecordFlag(specFromHelp('create', createHelp, runCreateFromFiles, [
  generatorCommand('clusterrole', 'create clusterrole', withTypes(createClusterroleHelp, { 'aggregation-rule': 'mapStringString' }), { mapping: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false }, build: buildClusterRole }),
  generatorCommand('clusterrolebinding', 'create clusterrolebinding', createClusterrolebindingHelp, { mapping: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false }, build: buildClusterRoleBinding, required: ['clusterrole'], failure: 'failed to create clusterrolebinding: ' }),
  generatorCommand('configmap', 'create configmap', createConfigmapHelp, { mapping: core('configmaps', 'ConfigMap'), build: buildConfigMap, failure: 'failed to create configmap: ' }),
  generatorCommand('cronjob', 'create cronjob', createCronjobHelp, { mapping: { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true }, build: buildCronJob, required: ['image', 'schedule'], failure: 'failed to create cronjob: ' }),
  generatorCommand('deployment', 'create deployment', withTypes(createDeploymentHelp, { port: 'int32', replicas: 'int32' }), { mapping: { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true }, build: buildDeployment, required: ['image'], failure: 'failed to create deployment: ' }),
  generatorCommand('ingress', 'create ingress', createIngressHelp, { mapping: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true }, build: buildIngress, failure: 'failed to create ingress: ' }),
  generatorCommand('job', 'create job', createJobHelp, { mapping: { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true }, build: buildJob, failure: 'failed to create job: ' }),
  generatorCommand('namespace', 'create namespace', createNamespaceHelp, { mapping: core('namespaces', 'Namespace', false), build: buildNamespace }),
  generatorCommand('poddisruptionbudget', 'create poddisruptionbudget', createPoddisruptionbudgetHelp, { mapping: { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true }, build: buildPodDisruptionBudget, failure: 'failed to create poddisruptionbudgets: ' }),
  generatorCommand('priorityclass', 'create priorityclass', withTypes(createPriorityclassHelp, { value: 'int32' }), { mapping: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', kind: 'PriorityClass', namespaced: false }, build: buildPriorityClass, failure: 'failed to create priorityclass: ' }),
  generatorCommand('quota', 'create quota', createQuotaHelp, { mapping: core('resourcequotas', 'ResourceQuota'), build: buildQuota, failure: 'failed to create quota: ' }),
  generatorCommand('role', 'create role', createRoleHelp, { mapping: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true }, build: buildRole }),
  generatorCommand('rolebinding', 'create rolebinding', createRolebindingHelp, { mapping: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', kind: 'RoleBinding', namespaced: true }, build: buildRoleBinding, failure: 'failed to create rolebinding: ' }),
  secretCommand,
  serviceCommand,
  generatorCommand('serviceaccount', 'create serviceaccount', createServiceaccountHelp, { mapping: core('serviceaccounts', 'ServiceAccount'), build: buildServiceAccount, failure: 'failed to create serviceaccount: ' }),
  createTokenCommand,
]));
