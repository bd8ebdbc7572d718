// Generates engine/kubectl/commands/help/<verb>.ts from the real kubectl 1.32's `--help` output.
//
//   node scripts/kubectl-help/generate.mjs "create clusterrole" createClusterroleHelp "Create a cluster role" [arrayFlag,...]
//
// The short description is passed in because `--help` prints only the long one. Flags whose default is `[]` are
// stringSlice unless named in the last argument (kubectl's StringArray flags print the same way).
// Writes the TypeScript module to stdout; redirect it into the help folder.
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { existsSync } from 'node:fs';

const kubectl = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.32'].find(existsSync) ?? 'kubectl';
const [command, exportName, short, arrayFlags = ''] = process.argv.slice(2);
if (!command || !exportName || !short) {
  process.stderr.write('usage: generate.mjs "VERB [SUB]" exportName "short description" [arrayFlag,...]\n');
  process.exit(2);
}
const arrays = new Set(arrayFlags.split(',').filter(Boolean));
const text = execFileSync(kubectl, [...command.split(' '), '--help'], { encoding: 'utf8' });

// Sections start at a line that is exactly a header; everything before the first is the long description.
const headers = new Set(['Aliases:', 'Examples:', 'Options:', 'Usage:']);
const sections = { long: [] };
let current = 'long';
for (const line of text.split('\n')) {
  if (headers.has(line)) sections[(current = line.slice(0, -1))] = [];
  else sections[current].push(line);
}
const trim = (lines = []) => {
  const out = [...lines];
  while (out.length && out[out.length - 1] === '') out.pop();
  while (out.length && out[0] === '') out.shift();
  return out;
};
const verb = command.split(' ').pop();
const aliases = trim(sections.Aliases).join('').split(', ').map((s) => s.trim()).filter((a) => a && a !== verb);
const examples = sections.Examples ? trim(sections.Examples).join('\n') : undefined;
const usage = trim(sections.Usage).find((l) => !l.startsWith('Use "')).trim();

// `    -o, --output='':` then a tab-indented usage line.
const options = trim(sections.Options);
const flags = [];
for (let i = 0; i < options.length; i++) {
  const match = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/.exec(options[i]);
  if (!match) continue;
  const [, shorthand, name, defaultValue] = match;
  let type = 'string';
  if (defaultValue === 'true' || defaultValue === 'false') type = 'bool';
  else if (/^-?\d+$/.test(defaultValue)) type = 'int';
  else if (defaultValue === '[]') type = arrays.has(name) ? 'stringArray' : 'stringSlice';
  else if (defaultValue === '') type = 'stringArray';
  flags.push({ name, ...(shorthand ? { shorthand } : {}), type, default: defaultValue, usage: options[i + 1].replace(/^\t/, '') });
}

const data = { short, aliases, long: trim(sections.long).join('\n'), ...(examples !== undefined ? { examples } : {}), usage, flags };
process.stdout.write(`/**
 * \`kubectl ${command}\`: help text, examples and flags of kubectl 1.32, as data (generated from \`kubectl ${command} --help\`).
 */
import type { HelpData } from './types.ts';

/** What \`kubectl ${command} --help\` prints, as data. */
export const ${exportName}: HelpData = ${JSON.stringify(data, null, 2)};
`);
