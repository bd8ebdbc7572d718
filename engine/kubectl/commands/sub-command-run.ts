/**
 * cmdutil.DefaultSubCommandRun, the `run` of kubectl's parent commands (set, rollout, top, config,
 * auth, create secret, create service): no words prints the help and fails; any words are
 * RequireNoArguments' usage error, which names all of them (`unknown command "foo deploy/web"`).
 */
import { KubectlError } from '../client/api-client.ts';
import { renderHelp, type CommandContext, type CommandSpec } from '../command.ts';

/**
 * The `run` of parent command `path` (`create secret`); `spec` is read when it runs, so a spec can
 * name its own run. Most parents print the help to stderr; `rollout` passes its streams' Out.
 */
export function defaultSubCommandRun(path: string, spec: () => CommandSpec, stream: 'stdout' | 'stderr' = 'stderr'): (context: CommandContext) => number {
  return (context) => {
    if (context.args.length) {
      throw KubectlError.client(`unknown command ${JSON.stringify(context.args.join(' '))}\nSee 'kubectl ${path} -h' for help and examples`);
    }
    context.out[stream].push(renderHelp(spec(), path));
    return 1;
  };
}
