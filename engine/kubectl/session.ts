/**
 * The learner's kubectl: a session (session-base.ts) with every verb the emulator knows
 * (commands/index.ts).
 */
import type { ApiClient } from './client/api-client.ts';
import { commandRegistry } from './commands/index.ts';
import { KubectlSessionBase, rootCommandIn, type SessionOptions } from './session-base.ts';

export { defaultKubeconfig } from './session-base.ts';
export type { CommandTable, KubectlResult, Kubeconfig, KubeconfigContext, OutputSink, PendingEdit, RunningCommand, RunOptions, SessionOptions } from './session-base.ts';

/** A kubectl emulator session with every command: holds the kubeconfig and answers command lines through the API client. */
export class KubectlSession extends KubectlSessionBase {
  constructor(api: ApiClient, options: SessionOptions = {}) {
    super(api, options, commandRegistry);
  }
}

/** The root command an argument list runs (`edit` for `-n web edit deploy/web`), found as `kubectl` finds it. */
export function rootCommandOf(argv: string[]): string | undefined {
  return rootCommandIn(argv, commandRegistry);
}
