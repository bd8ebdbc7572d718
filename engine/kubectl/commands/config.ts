/**
 * `kubectl config view|get-contexts|current-context|use-context|set-context`: the session's
 * simulated kubeconfig, read and changed with kubectl's messages.
 */
import { stringifyYaml } from '../../yaml/index.ts';
import { KubectlError } from '../client/api-client.ts';
import { renderHelp, type CommandContext, type CommandSpec } from '../command.ts';
import { defaultSubCommandRun } from './sub-command-run.ts';
import { flagBool, flagString } from '../flags.ts';
import { evaluateJsonPath } from '../jsonpath/index.ts';
import type { Kubeconfig } from '../session-base.ts';
import { formatTabs } from '../printers/tabwriter.ts';
import { allowMissingTemplateKeysFlag, noHeadersFlag, showManagedFieldsFlag, templateFlag } from './get-help.ts';

/** The kubeconfig as `kubectl config view` prints it (clientcmd's v1 Config; empty fields omitted in YAML). */
function configObject(config: Kubeconfig, minify: boolean): Record<string, unknown> {
  const contexts = minify ? config.contexts.filter((c) => c.name === config.currentContext) : config.contexts;
  const used = (name: string, field: 'cluster' | 'user'): boolean => !minify || contexts.some((c) => c[field] === name);
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: config.clusters.filter((c) => used(c.name, 'cluster')).map((c) => ({ name: c.name, cluster: { server: c.server } })),
    users: config.users.filter((u) => used(u.name, 'user')).map((u) => ({ name: u.name, user: {} })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.cluster, user: c.user, ...(c.namespace ? { namespace: c.namespace } : {}) } })),
    'current-context': config.currentContext,
  };
}

/** YAML drops empty strings the Go structs mark omitempty (a context's cluster and user). */
function yamlShape(object: Record<string, unknown>): unknown {
  const contexts = (object.contexts as { name: string; context: Record<string, string> }[]).map((c) => ({
    name: c.name,
    context: Object.fromEntries(Object.entries(c.context).filter(([, v]) => v !== '')),
  }));
  return { ...object, contexts };
}

function view(context: CommandContext): number {
  const output = flagString(context.flags, 'output', 'yaml') || 'yaml';
  const object = configObject(context.session.kubeconfig, flagBool(context.flags, 'minify'));
  if (output === 'yaml') context.out.stdout.push(stringifyYaml(yamlShape(object)));
  else if (output === 'json') context.out.stdout.push(`${JSON.stringify(object, null, 4)}\n`);
  else if (output.startsWith('jsonpath=')) {
    const result = evaluateJsonPath(output.slice('jsonpath='.length), JSON.parse(JSON.stringify(object)));
    if (!result.ok) throw new KubectlError(result.stderr.replace(/\n$/, ''));
    context.out.stdout.push(result.text);
  } else {
    throw KubectlError.client(`unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
  }
  return 0;
}

function getContexts(context: CommandContext): number {
  const config = context.session.kubeconfig;
  const output = flagString(context.flags, 'output');
  if (output !== '' && output !== 'name') throw KubectlError.client(`output must be one of '' or 'name': ${output}`);
  const names = context.args.length ? context.args : config.contexts.map((c) => c.name).sort();
  const lines: string[] = [];
  const missing: string[] = [];
  if (output !== 'name' && !flagBool(context.flags, 'no-headers')) lines.push('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE');
  for (const name of names) {
    const c = config.contexts.find((x) => x.name === name);
    if (!c) missing.push(`context ${name} not found`);
    else if (output === 'name') lines.push(c.name);
    else lines.push([c.name === config.currentContext ? '*' : '', c.name, c.cluster, c.user, c.namespace ?? ''].join('\t'));
  }
  context.out.stdout.push(formatTabs(lines.map((l) => `${l}\n`).join('')));
  if (missing.length) throw KubectlError.client(missing.join('\nerror: '));
  return 0;
}

function unexpectedArgs(context: CommandContext, spec: CommandSpec): never {
  context.out.stdout.push(renderHelp(spec, `config ${spec.name}`));
  throw KubectlError.client(`Unexpected args: [${context.args.join(' ')}]`);
}

const useContext: CommandSpec = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  long: 'Set the current-context in a kubeconfig file.',
  examples: '  # Use the context for the minikube cluster\n  kubectl config use-context minikube',
  usage: 'kubectl config use-context CONTEXT_NAME [options]',
  flags: [],
  run(context) {
    if (context.args.length !== 1) unexpectedArgs(context, useContext);
    const name = context.args[0];
    const config = context.session.kubeconfig;
    if (!config.contexts.some((c) => c.name === name)) throw KubectlError.client(`no context exists with the name: "${name}"`);
    config.currentContext = name;
    context.out.stdout.push(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: CommandSpec = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  examples: '  # Set the user field on the gce context entry without touching other values\n  kubectl config set-context gce --user=cluster-admin',
  usage: 'kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  flags: [
    { name: 'cluster', type: 'string', usage: 'cluster for the context entry in kubeconfig' },
    { name: 'current', type: 'bool', usage: 'Modify the current context' },
    { name: 'namespace', type: 'string', usage: 'namespace for the context entry in kubeconfig' },
    { name: 'user', type: 'string', usage: 'user for the context entry in kubeconfig' },
  ],
  run(context) {
    if (context.args.length > 1) unexpectedArgs(context, setContext);
    const config = context.session.kubeconfig;
    const current = flagBool(context.flags, 'current');
    const name = current ? config.currentContext : context.args[0] ?? '';
    if (!name) throw KubectlError.client(current ? 'no current context is set' : 'you must specify a non-empty context name or --current');
    let entry = config.contexts.find((c) => c.name === name);
    const created = !entry;
    if (!entry) config.contexts.push((entry = { name, cluster: '', user: '' }));
    const values = context.flags.values;
    if (values.has('cluster')) entry.cluster = String(values.get('cluster'));
    if (values.has('user')) entry.user = String(values.get('user'));
    if (values.has('namespace')) entry.namespace = String(values.get('namespace')) || undefined;
    context.out.stdout.push(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
    return 0;
  },
};

const subcommands: CommandSpec[] = [
  {
    name: 'current-context',
    short: 'Display the current-context',
    long: 'Display the current-context.',
    examples: '  # Display the current-context\n  kubectl config current-context',
    usage: 'kubectl config current-context [flags] [options]',
    flags: [],
    run(context) {
      const name = context.session.kubeconfig.currentContext;
      if (!name) throw KubectlError.client('current-context is not set');
      context.out.stdout.push(`${name}\n`);
      return 0;
    },
  },
  {
    name: 'get-contexts',
    short: 'Describe one or many contexts',
    long: 'Display one or many contexts from the kubeconfig file.',
    examples: '  # List all the contexts in your kubeconfig file\n  kubectl config get-contexts\n  \n  # Describe one context in your kubeconfig file\n  kubectl config get-contexts my-context',
    usage: 'kubectl config get-contexts [(-o|--output=)name)] [options]',
    flags: [noHeadersFlag, { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (name).' }],
    run: getContexts,
  },
  setContext,
  useContext,
  {
    name: 'view',
    short: 'Display merged kubeconfig settings or a specified kubeconfig file',
    long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
    examples: "  # Show merged kubeconfig settings\n  kubectl config view\n  \n  # Show merged kubeconfig settings, raw certificate data, and exposed secrets\n  kubectl config view --raw\n  \n  # Get the password for the e2e user\n  kubectl config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'",
    usage: 'kubectl config view [flags] [options]',
    flags: [
      allowMissingTemplateKeysFlag,
      { name: 'flatten', type: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
      { name: 'merge', type: 'bool', default: 'true', usage: 'Merge the full hierarchy of kubeconfig files' },
      { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
      { name: 'output', shorthand: 'o', type: 'string', default: "'yaml'", usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
      { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
      showManagedFieldsFlag,
      templateFlag,
    ],
    run: view,
  },
];

/** `config get-clusters` and `config get-users`: a NAME header and one name per line, in kubeconfig order. */
function nameList(name: string, short: string, names: (config: Kubeconfig) => string[]): CommandSpec {
  return {
    name,
    short,
    long: `${short}.`,
    usage: `kubectl config ${name} [options]`,
    flags: [],
    run(context) {
      context.out.stdout.push(['NAME', ...names(context.session.kubeconfig)].map((line) => `${line}\n`).join(''));
      return 0;
    },
  };
}

subcommands.push(
  nameList('get-clusters', 'Display clusters defined in the kubeconfig', (config) => config.clusters.map((c) => c.name)),
  nameList('get-users', 'Display users defined in the kubeconfig', (config) => config.users.map((u) => u.name)),
  {
    name: 'rename-context',
    short: 'Rename a context from the kubeconfig file',
    long: 'Rename a context from the kubeconfig file.',
    usage: 'kubectl config rename-context CONTEXT_NAME NEW_NAME [options]',
    flags: [],
    run(context) {
      if (context.args.length !== 2) throw new KubectlError("error: Unexpected args: [" + context.args.join(' ') + "]\nSee 'kubectl config rename-context -h' for help and examples");
      const [from, to] = context.args;
      const config = context.session.kubeconfig;
      const entry = config.contexts.find((c) => c.name === from);
      if (!entry) throw KubectlError.client(`cannot rename the context "${from}", it's not in the kubeconfig`);
      if (config.contexts.some((c) => c.name === to)) throw KubectlError.client(`cannot rename the context "${from}", the context "${to}" already exists in the kubeconfig`);
      entry.name = to;
      if (config.currentContext === from) config.currentContext = to;
      context.out.stdout.push(`Context "${from}" renamed to "${to}".\n`);
      return 0;
    },
  },
);

/** Subcommands of kubectl config that the lab lists in help but does not run. */
const notInLab: [string, string][] = [
  ['delete-cluster', 'Delete the specified cluster from the kubeconfig'],
  ['delete-context', 'Delete the specified context from the kubeconfig'],
  ['delete-user', 'Delete the specified user from the kubeconfig'],
  ['set', 'Set an individual value in a kubeconfig file'],
  ['set-cluster', 'Set a cluster entry in kubeconfig'],
  ['set-credentials', 'Set a user entry in kubeconfig'],
  ['unset', 'Unset an individual value in a kubeconfig file'],
];
for (const [name, short] of notInLab) {
  subcommands.push({
    name,
    short,
    long: `${short}.`,
    usage: `kubectl config ${name} [options]`,
    flags: [],
    run() {
      throw KubectlError.client(`kubelab: "kubectl config ${name}" is not available in this lab`);
    },
  });
}

/** The `config` command; without a subcommand it prints its help to stderr and fails, as kubectl does. */
export const configCommand: CommandSpec = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\n The loading order follows these rules:\n\n'
    + '  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n'
    + '  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n'
    + '  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.',
  usage: 'kubectl config SUBCOMMAND [options]',
  flags: [],
  subcommands,
  run: defaultSubCommandRun('config', () => configCommand),
};
