/**
 * `kubectl certificate approve|deny (-f FILENAME | NAME…)` (kubectl's cmd/certificates): for each
 * CertificateSigningRequest, add the Approved (reason KubectlApprove) or Denied (KubectlDeny)
 * condition and PUT the object to its `approval` subresource. A CSR that already has the condition
 * is left alone unless `--force`; one that has the opposite condition is an error. Errors are
 * collected and the other CSRs still handled (the Builder's ContinueOnError). kubectl only records
 * the decision: issuing the certificate is the signer controller's job, which the lab does not run.
 */
import { rfc3339 } from '../../clock.ts';
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import { renderHelp, type CommandContext, type CommandSpec } from '../command.ts';
import { flagBool, flagList } from '../flags.ts';
import { printCreated } from './create.ts';
import { certificateHelp } from './help/certificate.ts';
import { certificateApproveHelp } from './help/certificate-approve.ts';
import { certificateDenyHelp } from './help/certificate-deny.ts';
import { specFromHelp } from './help/types.ts';
import { printFlagsFormat } from './print-flags.ts';
import {
  clockOf, mappingForObject, nameOfObject, objectPath, readFileObjects, restMapper, send, serverError, ServerError, type Json,
} from './write-support.ts';

/** What approve and deny each write. */
export interface Decision {
  /** The name printer's operation: `approved`, `denied`. */
  operation: string;
  condition: 'Approved' | 'Denied';
  /** The condition that makes this decision an error. */
  opposite: 'Approved' | 'Denied';
  reason: string;
  message: string;
}

/** `kubectl certificate approve`. */
export const approveDecision: Decision = {
  operation: 'approved', condition: 'Approved', opposite: 'Denied', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.',
};

/** `kubectl certificate deny`. */
export const denyDecision: Decision = {
  operation: 'denied', condition: 'Denied', opposite: 'Approved', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.',
};

/** A CSR to decide on, as the Builder names it (fetched later, in order). */
interface Request {
  mapping: ApiResource;
  name: string;
  /** The Builder's own error for this item (an object without its namespace). */
  error?: string;
}

/** A collected error: how it reads alone (`error: …`, `Error from server …`) and inside the aggregate. */
interface Failure {
  alone: string;
  inAggregate: string;
}

const plain = (message: string): Failure => ({ alone: `error: ${message}`, inAggregate: message });
const fromServer = (error: KubectlError): Failure => ({ alone: error.text, inAggregate: error instanceof ServerError ? error.aggregateText : error.text });

/** ResourceNames("certificatesigningrequests", NAME…) or FilenameParam: what to visit, in order. */
function requestsOf(context: CommandContext): Request[] {
  const mapper = restMapper(context);
  if (flagList(context.flags, 'filename').length) {
    if (context.args.length) throw KubectlError.client('resource/name arguments cannot be provided when a path is specified');
    return readFileObjects(context, 'certificate').map((item) => {
      const mapping = mappingForObject(mapper, item);
      const name = nameOfObject(item.object);
      const namespace = ((item.object.metadata ?? {}) as Json).namespace;
      // The Builder is given no namespace: a namespaced object must carry its own.
      if (mapping.namespaced && !namespace) {
        return { mapping, name, error: `no namespace set on resource ${mapping.group}/${mapping.version}, Resource=${mapping.resource} "${name}"` };
      }
      return { mapping, name };
    });
  }
  return context.args.map((arg) => {
    const slash = arg.indexOf('/');
    if (slash < 0) return { mapping: mapper.mappingFor('certificatesigningrequests'), name: arg };
    return { mapping: mapper.mappingFor(arg.slice(0, slash)), name: arg.slice(slash + 1) };
  });
}

/**
 * addConditionIfNeeded: the CSR with the decision's condition appended (lastUpdateTime from the
 * client's clock, as metav1.Now()), or `undefined` when it already has it; the opposite is an error.
 */
export function addCondition(csr: Json, decision: Decision, now: string | undefined): Json | undefined {
  const status = (csr.status ?? {}) as Json;
  const conditions = (Array.isArray(status.conditions) ? status.conditions : []) as Json[];
  let already = false;
  for (const condition of conditions) {
    if (condition.type === decision.opposite) {
      throw KubectlError.client(`certificate signing request "${nameOfObject(csr)}" is already ${decision.opposite}`);
    }
    if (condition.type === decision.condition) already = true;
  }
  if (already) return undefined;
  const added: Json = { type: decision.condition, status: 'True', reason: decision.reason, message: decision.message, ...(now ? { lastUpdateTime: now } : {}) };
  return { ...csr, status: { ...status, conditions: [...conditions, added] } };
}

/** Visit one CSR: fetch, decide, PUT to /approval (retrying a Conflict up to ten times), print. */
function decideOne(context: CommandContext, request: Request, decision: Decision, force: boolean, now: string | undefined): void {
  const path = objectPath(request.mapping, '', request.name);
  let object = fetch(context, path);
  const groupKind = request.mapping.group ? `${request.mapping.kind}.${request.mapping.group}` : request.mapping.kind;
  if (groupKind !== 'CertificateSigningRequest.certificates.k8s.io') {
    throw KubectlError.client(`can only handle CertificateSigningRequest.certificates.k8s.io objects, got ${groupKind}`);
  }
  for (let attempt = 0; ; attempt++) {
    const modified = addCondition(object, decision, now);
    if (modified === undefined && !force) break;
    const response = send(context, 'PUT', `${path}/approval`, { body: modified ?? object });
    if (response.status === 409 && attempt < 10) {
      object = fetch(context, path);
      continue;
    }
    if (response.status >= 300) throw serverError(response);
    break;
  }
  // kubectl prints the object as the Builder fetched it, not the server's answer.
  printCreated(context, request.mapping, object, decision.operation);
}

function fetch(context: CommandContext, path: string): Json {
  const response = send(context, 'GET', path);
  if (response.status >= 300) throw serverError(response);
  return response.body as Json;
}

/** RunCertificateApprove / RunCertificateDeny. */
function runDecision(context: CommandContext, decision: Decision): number {
  // Complete builds the printer first (`-o wide` fails here), then Validate wants a name or a file.
  printFlagsFormat(context);
  if (!context.args.length && !flagList(context.flags, 'filename').length) {
    throw KubectlError.client('one or more CSRs must be specified as <name> or -f <filename>');
  }
  const force = flagBool(context.flags, 'force');
  const clock = clockOf(context);
  const now = clock ? rfc3339(clock) : undefined;
  const failures: Failure[] = [];
  let found = 0;
  for (const request of requestsOf(context)) {
    if (request.error) {
      failures.push(plain(request.error));
      continue;
    }
    try {
      decideOne(context, request, decision, force, now);
      found++;
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      failures.push(error instanceof ServerError || !error.text.startsWith('error: ') ? fromServer(error) : plain(error.text.slice('error: '.length)));
    }
  }
  if (found === 0 && !failures.length) context.out.stdout.push('No resources found\n');
  if (failures.length === 1) throw new KubectlError(failures[0].alone);
  if (failures.length) throw new KubectlError(failures.map((f) => f.inAggregate).join('\n'));
  return 0;
}

/** `kubectl certificate approve`. */
export const certificateApproveCommand: CommandSpec = specFromHelp('approve', certificateApproveHelp, (context) => runDecision(context, approveDecision));

/** `kubectl certificate deny`. */
export const certificateDenyCommand: CommandSpec = specFromHelp('deny', certificateDenyHelp, (context) => runDecision(context, denyDecision));

/** `kubectl certificate`: alone (or with unknown words) it prints its help to stdout and succeeds, as cmd.Help() does. */
export const certificateCommand: CommandSpec = specFromHelp('certificate', certificateHelp, (context) => {
  context.out.stdout.push(renderHelp(certificateCommand, 'certificate'));
  return 0;
}, [certificateApproveCommand, certificateDenyCommand]);
