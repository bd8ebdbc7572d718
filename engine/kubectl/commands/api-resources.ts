/**
 * `kubectl api-resources` and `kubectl api-versions`: what discovery says the server serves.
 * api-resources lists each group's preferred version, stably sorted by group (core first).
 */
import { KubectlError } from '../client/api-client.ts';
import { discoverResources } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { formatTabs } from '../printers/tabwriter.ts';
import { noHeadersFlag } from './get-help.ts';

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function runApiResources(context: CommandContext): number {
  const { flags } = context;
  const output = flagString(flags, 'output');
  if (output !== '' && output !== 'wide' && output !== 'name') throw KubectlError.client(`--output ${output} is not available`);
  const sortBy = flagString(flags, 'sort-by');
  if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') throw KubectlError.client('--sort-by accepts only name or kind');
  const group = flags.values.get('api-group');
  const namespaced = flags.values.get('namespaced');
  const verbs = flagList(flags, 'verbs');
  const categories = flagList(flags, 'categories');
  let resources = discoverResources(context.api).resources.filter((r) => r.preferred && !r.resource.includes('/') && r.verbs.length > 0)
    .filter((r) => group === undefined || r.group === group)
    .filter((r) => namespaced === undefined || r.namespaced === namespaced)
    .filter((r) => verbs.every((v) => r.verbs.includes(v)))
    .filter((r) => categories.every((c) => r.categories.includes(c)));
  const key = (r: (typeof resources)[number]): string => (sortBy === 'name' ? r.resource : sortBy === 'kind' ? r.kind : r.group);
  resources = resources.map((r, i) => ({ r, i })).sort((a, b) => byteOrder(key(a.r), key(b.r)) || a.i - b.i).map(({ r }) => r);
  if (output === 'name') {
    context.out.stdout.push(resources.map((r) => `${r.group ? `${r.resource}.${r.group}` : r.resource}\n`).join(''));
    return 0;
  }
  const wide = output === 'wide';
  const lines: string[][] = [];
  if (!flagBool(flags, 'no-headers')) lines.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
  for (const r of resources) {
    const row = [r.resource, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind];
    if (wide) row.push([...r.verbs].sort(byteOrder).join(','), r.categories.join(','));
    lines.push(row);
  }
  context.out.stdout.push(formatTabs(lines.map((cells) => `${cells.join('\t')}\n`).join('')));
  return 0;
}

/** The `api-resources` command. */
export const apiResourcesCommand: CommandSpec = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: [
    ['Print the supported API resources', 'api-resources'],
    ['Print the supported API resources with more information', 'api-resources -o wide'],
    ['Print the supported API resources sorted by a column', 'api-resources --sort-by=name'],
    ['Print the supported namespaced resources', 'api-resources --namespaced=true'],
    ['Print the supported non-namespaced resources', 'api-resources --namespaced=false'],
    ['Print the supported API resources with a specific APIGroup', 'api-resources --api-group=rbac.authorization.k8s.io'],
  ].map(([comment, command]) => `  # ${comment}\n  kubectl ${command}`).join('\n  \n'),
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'stringSlice', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', type: 'bool', default: 'true', usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    noHeadersFlag,
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
  ],
  run: runApiResources,
};

/** The `api-versions` command: every group/version, sorted. */
export const apiVersionsCommand: CommandSpec = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: '  # Print the supported API versions\n  kubectl api-versions',
  usage: 'kubectl api-versions [options]',
  flags: [],
  run(context) {
    const versions = [...discoverResources(context.api).groupVersions].sort(byteOrder);
    context.out.stdout.push(versions.map((v) => `${v}\n`).join(''));
    return 0;
  },
};
