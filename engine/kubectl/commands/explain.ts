/**
 * `kubectl explain TYPE[.FIELD…] [--recursive] [--api-version=G/V]`: resolve the resource through
 * discovery, fetch `/openapi/v3` and the group-version document it points to (as kubectl 1.32
 * does), and render the plaintext template (explain-render.ts).
 */
import { KubectlError, getJson } from '../client/api-client.ts';
import { discoverResources, type ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { renderExplain, type Schema } from './explain-render.ts';
import { explainHelp } from './help/explain.ts';
import { specFromHelp } from './help/types.ts';

/** `deploy`, `Deployment`, `deployments`: the served resources a name matches, preferred versions first. */
function resourcesFor(resources: ApiResource[], name: string): ApiResource[] {
  const lower = name.toLowerCase();
  const ordered = [...resources.filter((r) => r.preferred), ...resources.filter((r) => !r.preferred)]
    .filter((r) => !r.resource.includes('/'));
  const short = ordered.find((r) => r.shortNames.includes(lower));
  const plural = short ? short.resource : lower;
  return ordered.filter((r) => (short ? r.group === short.group : true) && (r.resource === plural || r.singular === plural));
}

/**
 * kubectl's SplitAndParseResourceRequestWithMatchingPrefix: the first dotted word names the
 * resource; when the argument starts with `resource.group` (`deployments.apps.spec`) the fields
 * follow the group, else every later word is a field.
 */
export function splitResourceRequest(resources: ApiResource[], argument: string, matchPrefix: boolean): { mapping: ApiResource; fields: string[] } {
  const words = argument.split('.');
  const matches = resourcesFor(resources, words[0]);
  if (!matches.length) throw new KubectlError(`the server doesn't have a resource type "${words[0]}"`);
  if (matchPrefix) {
    for (const mapping of matches) {
      const groupResource = mapping.group ? `${mapping.resource}.${mapping.group}` : mapping.resource;
      if (argument.startsWith(groupResource)) {
        return { mapping, fields: argument.slice(groupResource.length).split('.').slice(1).filter(Boolean) };
      }
    }
  }
  return { mapping: matches[0], fields: words.slice(1) };
}

function runExplain(context: CommandContext): number {
  const { args, flags, out } = context;
  if (!args.length) throw KubectlError.client('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  if (args.length > 1) throw KubectlError.client('We accept only this format: explain RESOURCE');
  const format = flagString(flags, 'output', 'plaintext');
  if (format === 'plaintext-openapiv2') throw KubectlError.client('kubelab: explain --output=plaintext-openapiv2 is not supported in this lab yet');
  if (format !== 'plaintext') throw KubectlError.client(`unrecognized format: ${format}`);
  const apiVersion = flagString(flags, 'api-version');
  const { mapping, fields } = splitResourceRequest(discoverResources(context.api).resources, args[0], !apiVersion);
  let { group, version } = mapping;
  if (apiVersion) {
    const slash = apiVersion.indexOf('/');
    if (apiVersion.indexOf('/', slash + 1) >= 0) throw KubectlError.client(`unexpected GroupVersion string: ${apiVersion}`);
    [group, version] = slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  }
  const gvr = { group, version, resource: mapping.resource };
  const index = getJson(context.api, '/openapi/v3') as { paths?: Record<string, { serverRelativeURL: string }> };
  const documentPath = group ? `apis/${group}/${version}` : `api/${version}`;
  const entry = index.paths?.[documentPath];
  if (!entry) throw KubectlError.client(`couldn't find resource for "${group}/${version}, Resource=${mapping.resource}"`);
  const url = new URL(entry.serverRelativeURL, 'http://kubelab');
  const document = getJson(context.api, url.pathname, Object.fromEntries(url.searchParams)) as Schema;
  const rendered = renderExplain(document, gvr, fields, flagBool(flags, 'recursive'));
  out.stdout.push(rendered.text);
  if (rendered.error) throw new KubectlError(rendered.error.message);
  return 0;
}

/** The `explain` command. */
export const explainCommand: CommandSpec = specFromHelp('explain', explainHelp, runExplain);
