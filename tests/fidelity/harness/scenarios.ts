/**
 * The scenario files of the fidelity harness (`scenarios/*.txt`, in name order), parsed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from './scenario.ts';

const folder = fileURLToPath(new URL('./scenarios/', import.meta.url));

/** Every scenario, or those whose file name (without `.txt`) is in `only`. */
export function loadScenarios(only: string[] = []): Scenario[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => file.slice(0, -'.txt'.length))
    .filter((name) => !only.length || only.includes(name))
    .map((name) => parseScenario(name, readFileSync(`${folder}${name}.txt`, 'utf8')));
}
