/**
 * `kubectl version`: the client version of the kubectl 1.32 binary the lab imitates, Kustomize's,
 * and the server's from `GET /version`.
 */
import { stringifyYaml } from '../../yaml/index.ts';
import { KubectlError, getJson } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';

/** `kubectl version --client -o json` of kubectl 1.32.5, field for field. */
export const clientVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const kustomizeVersion = 'v5.5.0';

function run(context: CommandContext): number {
  const output = flagString(context.flags, 'output');
  if (output !== '' && output !== 'yaml' && output !== 'json') throw KubectlError.client("--output must be 'yaml' or 'json'");
  const clientOnly = flagBool(context.flags, 'client');
  const server = clientOnly ? undefined : (getJson(context.api, '/version') as Record<string, unknown>);
  const versions: Record<string, unknown> = { clientVersion, kustomizeVersion, ...(server ? { serverVersion: server } : {}) };
  if (output === 'json') context.out.stdout.push(`${JSON.stringify(versions, null, 2)}\n`);
  // fmt.Fprintln of YAML that already ends in a newline: a blank line closes it.
  else if (output === 'yaml') context.out.stdout.push(`${stringifyYaml(versions)}\n`);
  else {
    context.out.stdout.push(`Client Version: ${clientVersion.gitVersion}\nKustomize Version: ${kustomizeVersion}\n`);
    if (server) context.out.stdout.push(`Server Version: ${String(server.gitVersion)}\n`);
  }
  return 0;
}

/** The `version` command. */
export const versionCommand: CommandSpec = {
  name: 'version',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  examples: '  # Print the client and server versions for the current context\n  kubectl version',
  usage: 'kubectl version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  run,
};
