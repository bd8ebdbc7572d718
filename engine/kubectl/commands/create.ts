/**
 * `kubectl create -f FILE` (a POST per object, `error when creating "x.yaml": …` per failure)
 * and the generator subcommands (deployment, namespace, configmap, secret generic, service
 * clusterip|nodeport, job, cronjob) that POST the object kubectl builds, with `-o` and `--dry-run`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { omitManagedFields, parseOutputFormat, printGeneric } from '../printers/generic.ts';
import { fieldValidation } from './apply.ts';
import {
  buildConfigMap, buildCronJob, buildDeployment, buildGenericSecret, buildJob, buildNamespace, buildService,
} from './create-generators.ts';
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
import { notServedCommand as notServed, specFromHelp, type HelpData } from './help/types.ts';
import {
  bodyOf, dryRunOf, dryRunQuery, fieldManager, mappingForObject, nameLine, nameOfObject, objectPath, readFileObjects, resolveNamespace, restMapper, send, serverError, throwErrors, type Json,
} from './write-support.ts';
import { buildLastAppliedFor } from './last-applied.ts';

/** Print what a create made: `-o FORMAT` prints the object, else the name printer's `created`. */
export function printCreated(context: CommandContext, mapping: Pick<ApiResource, 'kind' | 'group'>, object: Json, operation = 'created'): void {
  const output = flagString(context.flags, 'output');
  if (output) {
    const format = parseOutputFormat(output);
    if (format.kind !== 'human') {
      context.out.stdout.push(printGeneric(format, flagBool(context.flags, 'show-managed-fields') ? object : omitManagedFields(object), { noHeaders: false, files: context.files }));
      return;
    }
  }
  context.out.stdout.push(nameLine(mapping, nameOfObject(object), operation, dryRunOf(context)));
}

function runCreateFromFiles(context: CommandContext): number {
  // ValidateArgs comes before the -f check: `kubectl create bogus thing`.
  if (context.args.length) {
    throw new KubectlError(`error: Unexpected args: [${context.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  }
  if (!flagList(context.flags, 'filename').length) {
    throw KubectlError.client('must specify one of -f and -k');
  }
  const dryRun = dryRunOf(context);
  const mapper = restMapper(context);
  const errors: KubectlError[] = [];
  for (const item of readFileObjects(context, 'create')) {
    try {
      const mapping = mappingForObject(mapper, item);
      const namespace = resolveNamespace(context, mapping, item.object);
      const body = flagBool(context.flags, 'save-config') ? buildLastAppliedFor(item.object) : item.object;
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
}

/** A generator subcommand: one NAME, the object built, POSTed (or printed for a client dry run). */
function generatorCommand(name: string, path: string, help: HelpData, generator: Generator): CommandSpec {
  return specFromHelp(name, help, (context) => {
    if (context.args.length === 0 || (context.args.length > 1 && !context.flags.args.length)) {
      throw new KubectlError(`error: exactly one NAME is required, got ${context.args.length}\nSee 'kubectl ${path} -h' for help and examples`);
    }
    const dryRun = dryRunOf(context);
    const object = generator.build(context, context.args[0]);
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
    printCreated(context, mapping, created);
    return 0;
  });
}

const core = (resource: string, kind: string, namespaced = true): Generator['mapping'] => ({ group: '', version: 'v1', resource, kind, namespaced });

const secretCommand: CommandSpec = {
  ...specFromHelp('secret', createSecretHelp, undefined, [
    notServed('create secret', 'docker-registry', 'Create a secret for use with a Docker registry'),
    generatorCommand('generic', 'create secret generic', createSecretGenericHelp, { mapping: core('secrets', 'Secret'), build: buildGenericSecret, failure: 'failed to create secret ' }),
    notServed('create secret', 'tls', 'Create a TLS secret'),
  ]),
};

const serviceCommand: CommandSpec = specFromHelp('service', createServiceHelp, undefined, [
  generatorCommand('clusterip', 'create service clusterip', createServiceClusteripHelp, { mapping: core('services', 'Service'), build: (c, n) => buildService(c, n, 'ClusterIP'), failure: 'failed to create ClusterIP service: ' }),
  notServed('create service', 'externalname', 'Create an ExternalName service'),
  notServed('create service', 'loadbalancer', 'Create a LoadBalancer service'),
  generatorCommand('nodeport', 'create service nodeport', createServiceNodeportHelp, { mapping: core('services', 'Service'), build: (c, n) => buildService(c, n, 'NodePort'), failure: 'failed to create NodePort service: ' }),
]);

/** The `create` command and its generator subcommands. */
export const createCommand: CommandSpec = specFromHelp('create', createHelp, runCreateFromFiles, [
  notServed('create', 'clusterrole', 'Create a cluster role'),
  notServed('create', 'clusterrolebinding', 'Create a cluster role binding for a particular cluster role'),
  generatorCommand('configmap', 'create configmap', createConfigmapHelp, { mapping: core('configmaps', 'ConfigMap'), build: buildConfigMap, failure: 'failed to create configmap: ' }),
  generatorCommand('cronjob', 'create cronjob', createCronjobHelp, { mapping: { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true }, build: buildCronJob, failure: 'failed to create cronjob: ' }),
  generatorCommand('deployment', 'create deployment', createDeploymentHelp, { mapping: { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true }, build: buildDeployment, failure: 'failed to create deployment: ' }),
  notServed('create', 'ingress', 'Create an ingress with the specified name'),
  generatorCommand('job', 'create job', createJobHelp, { mapping: { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true }, build: buildJob, failure: 'failed to create job: ' }),
  generatorCommand('namespace', 'create namespace', createNamespaceHelp, { mapping: core('namespaces', 'Namespace', false), build: buildNamespace }),
  notServed('create', 'poddisruptionbudget', 'Create a pod disruption budget with the specified name'),
  notServed('create', 'priorityclass', 'Create a priority class with the specified name'),
  notServed('create', 'quota', 'Create a quota with the specified name'),
  notServed('create', 'role', 'Create a role with single rule'),
  notServed('create', 'rolebinding', 'Create a role binding for a particular role or cluster role'),
  secretCommand,
  serviceCommand,
  notServed('create', 'serviceaccount', 'Create a service account with the specified name'),
  notServed('create', 'token', 'Request a service account token'),
]);
