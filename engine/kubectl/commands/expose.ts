/**
 * `kubectl expose TYPE NAME --port=…`: a Service selecting what the object selects (a
 * Deployment's or ReplicaSet's matchLabels, a Pod's labels, a Service's selector), POSTed as
 * JSON, printing `service/web exposed`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagString, parseGoAtoi } from '../flags.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { parseLabels } from './run.ts';
import { fieldValidation } from './apply.ts';
import { exposeHelp } from './help/expose.ts';
import { withTypedLastApplied } from './last-applied.ts';
import { specFromHelp } from './help/types.ts';
import { recordChangeCause, withRecordFlag } from './record.ts';
import { findTargets, throwErrors } from './targets.ts';
import { bodyOf, dryRunOf, dryRunQuery, fieldManager, objectPath, restMapper, send, type Json } from './write-support.ts';

/** The selector of the exposed object, as kubectl's MapBasedSelectorForObject reads it. */
function selectorOf(kind: string, object: Json): Record<string, string> {
  const spec = (object.spec ?? {}) as Json;
  const metadata = (object.metadata ?? {}) as Json;
  switch (kind) {
    case 'Pod': return (metadata.labels ?? {}) as Record<string, string>;
    case 'Service': case 'ReplicationController': return (spec.selector ?? {}) as Record<string, string>;
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': {
      const selector = (spec.selector ?? {}) as Json;
      if (selector.matchExpressions) throw KubectlError.client(`couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}" to map-based selector format`);
      return (selector.matchLabels ?? {}) as Record<string, string>;
    }
    default: throw KubectlError.client(`cannot expose a ${kind}`);
  }
}

/** The ports of the exposed object's containers (or Service), for when `--port` is not given. */
function portsOf(kind: string, object: Json): number[] {
  const spec = (object.spec ?? {}) as Json;
  if (kind === 'Service') return ((spec.ports ?? []) as Json[]).map((p) => Number(p.port));
  const podSpec = (kind === 'Pod' ? spec : ((spec.template ?? {}) as Json).spec ?? {}) as Json;
  return ((podSpec.containers ?? []) as Json[]).flatMap((c) => ((c.ports ?? []) as Json[]).map((p) => Number(p.containerPort)));
}

function runExpose(context: CommandContext): number {
  const { flags } = context;
  const dryRun = dryRunOf(context);
  // The printer comes from the flags before any request (`-o wide` fails first).
  printFlagsFormat(context);
  const found = findTargets(context, 'expose', context.args, true);
  const errors = [...found.errors];
  const services = restMapper(context).mappingFor('services');
  for (const target of found.targets) {
    if (target.error) {
      errors.push(target.error);
      continue;
    }
    const object = target.object ?? {};
    const kind = target.mapping.kind;
    const selector = selectorOf(kind, object);
    const portFlag = flagString(flags, 'port');
    if (!portFlag && !portsOf(kind, object).length) throw KubectlError.client("couldn't find port via --port flag or introspection");
    const targetPortFlag = flagString(flags, 'target-port');
    const protocol = flagString(flags, 'protocol') || 'TCP';
    const name = flagString(flags, 'name') || target.name;
    // createService: the labels first, then each of the comma-separated ports through strconv.Atoi.
    const labels = flagString(flags, 'labels')
      ? parseLabels(flagString(flags, 'labels'))
      : ((object.metadata as Json | undefined)?.labels as Record<string, string> | undefined);
    const ports = portFlag ? portFlag.split(',').map((text) => {
      const parsed = parseGoAtoi(text.trim());
      if ('error' in parsed) throw KubectlError.client(parsed.error);
      return parsed.value;
    }) : portsOf(kind, object);
    const servicePorts = ports.map((port, index) => {
      const targetPort = targetPortFlag ? (/^\d+$/.test(targetPortFlag) ? Number(targetPortFlag) : targetPortFlag) : port;
      return { ...(ports.length > 1 ? { name: `port-${index + 1}` } : {}), protocol, port, targetPort };
    });
    const type = flagString(flags, 'type');
    const clusterIP = flagString(flags, 'cluster-ip');
    const generated: Json = {
      kind: 'Service', apiVersion: 'v1',
      metadata: { name, ...(context.explicitNamespace ? { namespace: context.namespace } : {}), creationTimestamp: null, ...(labels ? { labels } : {}) },
      spec: { ports: servicePorts, selector, ...(clusterIP ? { clusterIP } : {}), ...(type ? { type } : {}) },
      status: { loadBalancer: {} },
    };
    // As in run, a client dry run prints the Service without the annotation.
    recordChangeCause(context, generated);
    const service = flagBool(flags, 'save-config') && dryRun !== 'client' ? withTypedLastApplied(generated) : generated;
    let created = service;
    if (dryRun !== 'client') {
      const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-expose'), fieldValidation: fieldValidation(context) };
      created = bodyOf(send(context, 'POST', objectPath(services, target.namespace), { query, body: service }));
    }
    // The answer is decoded into a typed Service: `-o json` writes Go's struct order.
    printCreated(context, services, created, 'exposed', true);
  }
  throwErrors(errors);
  return 0;
}

/** The `expose` command. */
export const exposeCommand: CommandSpec = withRecordFlag(specFromHelp('expose', exposeHelp, runExpose));
