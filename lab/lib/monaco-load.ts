/**
 * Loads the editor (lib/monaco.ts) without a long task: its ~3 MB of modules would evaluate in one
 * task of about 300 ms. The build splits them into stages in the order they evaluate
 * (scripts/monaco-stages); each is imported in a task of its own, so the page keeps answering keys
 * and clicks between them, and monaco.ts then evaluates only its own few lines.
 */
import stages, { files } from 'virtual:monaco-stages';

/** Monaco, configured for the lab's YAML (lib/monaco.ts), once every stage has evaluated. */
export async function loadMonaco(): Promise<typeof import('./monaco.ts')> {
  // Fetch (and compile, off the main thread) every stage's files now; the stages' imports alone
  // would fetch them one stage at a time.
  for (const href of files) document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href }));
  for (const stage of stages) {
    await stage();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return import('./monaco.ts');
}
