/**
 * The printers kubectl uses for `-o yaml|json|name|jsonpath|jsonpath-as-json|custom-columns|go-template`
 * (cli-runtime printers): they print whole objects, or a `kind: List` that kubectl builds itself,
 * with managedFields removed unless `--show-managed-fields`.
 */
import { stringifyYaml } from '../../yaml/index.ts';
import { KubectlError } from '../client/api-client.ts';
import { customColumnCells, evaluateJsonPath, parseCustomColumns, parseCustomColumnsTemplate } from '../jsonpath/index.ts';
import { marshalIndent } from './go-json.ts';
import { checkGoTemplate, printGoTemplate } from './go-template.ts';
import { formatTabs } from './tabwriter.ts';

type Json = Record<string, unknown>;

/** A parsed `-o` value. */
export type OutputFormat =
  | { kind: 'human'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'custom-columns'; spec: string; file: boolean }
  | { kind: 'go-template'; template: string; file: boolean };

/** The formats `kubectl get -o` accepts, in the order its error message lists them. */
export const getOutputFormats = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath',
  'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];

/**
 * The formats of cli-runtime's PrintFlags (JSON/YAML, name, Go template and jsonpath printers), which
 * every writing verb has: no `wide`, no custom columns. Sorted, as NoCompatiblePrinterError lists them.
 */
export const printFlagsFormats = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file',
  'name', 'template', 'templatefile', 'yaml'];

/**
 * Read `-o`, or throw kubectl's "unable to match a printer" error. `template` is the `--template` flag: it
 * supplies the template when `-o` names none, and alone it means `-o go-template` (PrintFlags.ToPrinter).
 */
export function parseOutputFormat(output: string, allowed = getOutputFormats, template = ''): OutputFormat {
  if (output === '' && template !== '' && allowed.includes('go-template')) output = 'go-template';
  const eq = output.indexOf('=');
  const name = eq < 0 ? output : output.slice(0, eq);
  const argument = eq < 0 ? template : output.slice(eq + 1);
  if (output === '' || (name === 'wide' && allowed.includes('wide'))) return { kind: 'human', wide: name === 'wide' };
  if (!allowed.includes(name)) {
    throw KubectlError.client(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed.join(',')}`);
  }
  switch (name) {
    case 'yaml': case 'json': case 'name': return { kind: name };
    case 'jsonpath': case 'jsonpath-as-json':
      if (argument === '') throw KubectlError.client('template format specified but no template given');
      return { kind: 'jsonpath', template: argument, asJson: name === 'jsonpath-as-json' };
    case 'custom-columns': case 'custom-columns-file':
      return { kind: 'custom-columns', spec: argument, file: name === 'custom-columns-file' };
    case 'go-template': case 'template': case 'go-template-file': case 'templatefile': {
      if (argument === '') throw KubectlError.client('template format specified but no template given');
      const file = name.endsWith('file');
      // kubectl parses the template before it asks the server for anything.
      if (!file) checkGoTemplate(argument);
      return { kind: 'go-template', template: argument, file };
    }
    default:
      throw KubectlError.client(`kubelab: -o ${name} is not supported in this lab; use -o jsonpath or -o custom-columns`);
  }
}

/** Remove metadata.managedFields from an object and from each item of a list (OmitManagedFieldsPrinter). */
export function omitManagedFields(object: Json): Json {
  const strip = (item: Json): Json => {
    const metadata = item.metadata as Json | undefined;
    if (!metadata || !('managedFields' in metadata)) return item;
    const { managedFields: _, ...rest } = metadata;
    return { ...item, metadata: rest };
  };
  return Array.isArray(object.items) ? { ...strip(object), items: (object.items as Json[]).map(strip) } : strip(object);
}

/**
 * What `-o FORMAT` shows of an object: PrintFlags wraps only its JSON and YAML printers in
 * OmitManagedFieldsPrinter (unless `--show-managed-fields`); jsonpath, templates and custom
 * columns see `metadata.managedFields`.
 */
export function shownByPrinter(format: Pick<Exclude<OutputFormat, { kind: 'human' }>, 'kind'>, object: Json, showManagedFields: boolean): Json {
  return (format.kind === 'json' || format.kind === 'yaml') && !showManagedFields ? omitManagedFields(object) : object;
}

/** `deployment.apps/web`: the name printer's line for one object. */
export function nameOf(object: Json): string {
  const apiVersion = String(object.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const kind = String(object.kind ?? '').toLowerCase();
  const name = String((object.metadata as Json | undefined)?.name ?? '');
  return `${group ? `${kind}.${group}` : kind}/${name}`;
}

/** Print an object or list in a non-human format. `files` serve `custom-columns-file`. */
export function printGeneric(format: Exclude<OutputFormat, { kind: 'human' }>, object: Json,
  options: { noHeaders: boolean; files: Record<string, string>; allowMissingKeys?: boolean }): string {
  const items = object.kind === 'List' && Array.isArray(object.items) ? (object.items as Json[]) : [object];
  switch (format.kind) {
    case 'yaml': return stringifyYaml(object);
    case 'json': return marshalIndent(object);
    case 'name': return items.map((item) => `${nameOf(item)}\n`).join('');
    case 'jsonpath': {
      // The jsonpath printer sees the object as JSON: round-trip drops undefined fields.
      const result = evaluateJsonPath(format.template, JSON.parse(JSON.stringify(object)), { asJson: format.asJson });
      if (!result.ok) throw new KubectlError(result.stderr.replace(/\n$/, ''));
      return result.text;
    }
    case 'go-template': {
      let template = format.template;
      if (format.file) {
        if (!(template in options.files)) throw KubectlError.client(`error reading --template ${template}, open ${template}: no such file or directory`);
        template = options.files[template];
      }
      return printGoTemplate(template, object, options.allowMissingKeys ?? true);
    }
    case 'custom-columns': {
      let spec = format.spec;
      if (format.file) {
        if (!(spec in options.files)) throw KubectlError.client(`open ${spec}: no such file or directory`);
        spec = options.files[spec];
      }
      const parsed = format.file ? parseCustomColumnsTemplate(spec) : parseCustomColumns(spec);
      if (!parsed.ok) throw KubectlError.client(parsed.error);
      const lines: string[] = [];
      if (!options.noHeaders) lines.push(parsed.columns.map((c) => c.header).join('\t'));
      for (const item of items) {
        const cells = customColumnCells(parsed.columns, item);
        if (!cells.ok) throw KubectlError.client(cells.error);
        lines.push(cells.cells.join('\t'));
      }
      return formatTabs(lines.map((line) => `${line}\n`).join(''));
    }
  }
}
