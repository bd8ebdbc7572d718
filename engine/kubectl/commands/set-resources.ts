/**
 * `kubectl set resources TYPE NAME [-c CONTAINER] --limits=cpu=200m,memory=512Mi --requests=…`:
 * set the named quantities on the selected containers' limits and requests (others are kept) and
 * patch, printing `deployment.apps/web resource requirements updated`.
 */
import { canonicalQuantity, parseQuantity } from '../../api/validation/quantity.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { setResourcesHelp } from './help/set-resources.ts';
import { specFromHelp } from './help/types.ts';
import { withRecordFlag } from './record.ts';
import { patchTargets, podSpecIn, selectContainers } from './set-support.ts';
import type { Json } from './write-support.ts';

/** `cpu=200m,memory=512Mi` → canonical quantities, as kubectl's HandleResourceRequirementsV1 parses them. */
export function parseResourceList(text: string): Record<string, string> {
  const list: Record<string, string> = {};
  if (!text) return list;
  for (const pair of text.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2) throw KubectlError.client(`Invalid argument syntax ${pair}, expected <resource>=<value>`);
    const [name, value] = parts;
    try {
      parseQuantity(value);
    } catch {
      throw KubectlError.client(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    }
    list[name] = canonicalQuantity(value);
  }
  return list;
}

function runSetResources(context: CommandContext): number {
  const { flags } = context;
  const limitsText = flagString(flags, 'limits');
  const requestsText = flagString(flags, 'requests');
  if (!limitsText && !requestsText) throw KubectlError.client('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = parseResourceList(limitsText);
  const requests = parseResourceList(requestsText);
  const pattern = flagString(flags, 'containers', '*');
  return patchTargets(context, context.args, {
    verb: 'set resources',
    operation: 'resource requirements updated',
    failurePrefix: 'failed to patch resources update to pod template ',
    mutate(copy, mapping) {
      const podSpec = podSpecIn(mapping.kind, copy);
      const containers = podSpec ? selectContainers(podSpec, pattern) : [];
      if (!containers.length) return { error: KubectlError.client(`unable to find container named ${pattern}`) };
      for (const container of containers) {
        const resources = (container.resources ??= {}) as Json;
        if (limitsText) resources.limits = { ...((resources.limits ?? {}) as Json), ...limits };
        if (requestsText) resources.requests = { ...((resources.requests ?? {}) as Json), ...requests };
      }
      return undefined;
    },
  });
}

/** `kubectl set resources`. */
export const setResourcesCommand: CommandSpec = withRecordFlag(specFromHelp('resources', setResourcesHelp, runSetResources));
