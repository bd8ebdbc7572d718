/**
 * `kubectl create token SERVICE_ACCOUNT`: create a TokenRequest on the service account's `token`
 * subresource and print the token the API server issued (without a newline when the output is not
 * a terminal, as kubectl writes it), or the whole TokenRequest with `-o`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagList, flagString } from '../flags.ts';
import { printGeneric } from '../printers/generic.ts';
import { printFlagsFormat } from './print-flags.ts';
import type { HelpData } from './help/types.ts';
import { specFromHelp } from './help/types.ts';
import { parseGoDuration } from './watch-support.ts';
import { send, type Json } from './write-support.ts';

const templateUsage = 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].';

/** What `kubectl create token --help` prints (kubectl 1.32), as data. */
export const createTokenHelp: HelpData = {
  short: 'Request a service account token',
  aliases: [],
  long: 'Request a service account token.',
  examples: [
    '  # Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace\n  kubectl create token myapp',
    '  # Request a token for a service account in a custom namespace\n  kubectl create token myapp --namespace myns',
    '  # Request a token with a custom expiration\n  kubectl create token myapp --duration 10m',
    '  # Request a token with a custom audience\n  kubectl create token myapp --audience https://example.com',
    '  # Request a token bound to an instance of a Secret object\n  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret',
    '  # Request a token bound to an instance of a Secret object with a specific UID\n  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc',
  ].join('\n  \n'),
  usage: 'kubectl create token SERVICE_ACCOUNT_NAME [options]',
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', default: 'true', usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'audience', type: 'stringArray', default: '[]', usage: 'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.' },
    { name: 'bound-object-kind', type: 'string', default: "''", usage: 'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.' },
    { name: 'bound-object-name', type: 'string', default: "''", usage: 'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.' },
    { name: 'bound-object-uid', type: 'string', default: "''", usage: 'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.' },
    { name: 'duration', type: 'string', default: '0s', usage: 'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.' },
    { name: 'output', shorthand: 'o', type: 'string', default: "''", usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'show-managed-fields', type: 'bool', default: 'false', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'template', type: 'string', default: "''", usage: templateUsage },
  ],
};

/** The kinds a token may be bound to, and their API versions (boundObjectKindToAPIVersion). */
const boundKinds: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

/** The TokenRequest kubectl sends, after its own checks of the flags (in kubectl's order). */
function tokenRequest(context: CommandContext): Json {
  const rawDuration = flagString(context.flags, 'duration', '0s');
  const duration = parseGoDuration(rawDuration);
  if (duration === undefined) {
    throw new KubectlError(`Error: invalid argument "${rawDuration}" for "--duration" flag: time: invalid duration "${rawDuration}"\nSee 'kubectl create token --help' for usage.`);
  }
  const kind = flagString(context.flags, 'bound-object-kind');
  const name = flagString(context.flags, 'bound-object-name');
  const uid = flagString(context.flags, 'bound-object-uid');
  if (kind) {
    if (!boundKinds[kind]) throw KubectlError.client(`supported --bound-object-kind values are ${Object.keys(boundKinds).join(', ')}`);
    if (!name) throw KubectlError.client('--bound-object-name is required if --bound-object-kind is provided');
  } else {
    if (name) throw KubectlError.client('--bound-object-name can only be set if --bound-object-kind is provided');
    if (uid) throw KubectlError.client('--bound-object-uid can only be set if --bound-object-kind is provided');
  }
  if (duration < 0) throw KubectlError.client('--duration must be greater than or equal to 0');
  if (duration % 1000 !== 0) throw KubectlError.client('--duration cannot be expressed in units less than seconds');
  const audiences = flagList(context.flags, 'audience');
  const spec: Json = { audiences: audiences.length ? audiences : null };
  if (duration > 0) spec.expirationSeconds = duration / 1000;
  if (kind) spec.boundObjectRef = { kind, apiVersion: boundKinds[kind], name, ...(uid ? { uid } : {}) };
  return { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { token: '', expirationTimestamp: null } };
}

function runCreateToken(context: CommandContext): number {
  if (context.args.length !== 1) {
    throw new KubectlError(`error: exactly one NAME is required, got ${context.args.length}\nSee 'kubectl create token -h' for help and examples`);
  }
  // Complete builds the printer (cli-runtime's PrintFlags) before the request.
  const format = printFlagsFormat(context);
  const body = tokenRequest(context);
  const path = `/api/v1/namespaces/${context.namespace}/serviceaccounts/${context.args[0]}/token`;
  const response = send(context, 'POST', path, { body });
  const answer = (response.body ?? {}) as Json;
  if (response.status >= 300) throw KubectlError.client(`failed to create token: ${String(answer.message ?? '')}`);
  const token = String(((answer.status ?? {}) as Json).token ?? '');
  if (!token) throw KubectlError.client('failed to create token: no token in server response');
  if (format) {
    context.out.stdout.push(printGeneric(format, answer, { noHeaders: false, files: context.files }));
    return 0;
  }
  // Not a terminal: kubectl writes the token alone, so that `$(kubectl create token app)` needs no trimming.
  context.out.stdout.push(token);
  return 0;
}

/** `kubectl create token`. */
export const createTokenCommand: CommandSpec = specFromHelp('token', createTokenHelp, runCreateToken);
