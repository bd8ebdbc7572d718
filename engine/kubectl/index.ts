/**
 * The kubectl emulator: a client of the simulated API server that prints what real kubectl 1.32
 * prints, byte for byte. See README.md.
 */
import type { ApiClient } from './client/api-client.ts';
import { KubectlSession, type KubectlResult } from './session.ts';

export { KubectlSession, defaultKubeconfig } from './session.ts';
export type { KubectlResult, Kubeconfig, KubeconfigContext, RunOptions, SessionOptions } from './session.ts';
export type { ApiClient } from './client/api-client.ts';
export { KubectlError } from './client/api-client.ts';
export { commandRegistry } from './commands/index.ts';
export type { CommandSpec, CommandContext, StreamControl } from './command.ts';
export type { OutputSink, RunningCommand } from './session.ts';

/** Options of a one-off command line: the working directory's files, stdin, and the context's namespace. */
export interface RunKubectlOptions {
  files?: Record<string, string>;
  stdin?: string;
  namespace?: string;
  /** The server address the simulated kubeconfig names. */
  server?: string;
}

/** Run one command line in a fresh session (a convenience over `new KubectlSession(api).run(line)`). */
export function runKubectl(api: ApiClient, commandLine: string, options: RunKubectlOptions = {}): KubectlResult {
  const session = new KubectlSession(api, { namespace: options.namespace, server: options.server });
  return session.run(commandLine, { files: options.files, stdin: options.stdin });
}
