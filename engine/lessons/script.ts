/**
 * Lesson scripts (`solution.sh`, `wrong/*.sh`): kubectl lines as a learner types them, `sleep N` to
 * let N seconds of cluster time pass, `#` comments, `\` line continuations and here-documents
 * (`kubectl apply -f - <<EOF` … `EOF`) for stdin. Paths are relative to the lesson folder.
 */

/** One step of a script. */
export type ScriptStep = { kind: 'kubectl'; line: string; stdin?: string; lineNumber: number } | { kind: 'sleep'; seconds: number; lineNumber: number };

/** Parse a script; throws an Error naming the line of anything else. */
export function parseScript(source: string, name = 'script'): ScriptStep[] {
  const lines = source.split('\n');
  const steps: ScriptStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    let line = lines[i];
    while (line.endsWith("\\") && i + 1 < lines.length) line = `${line.slice(0, -1)}${lines[++i].trim()}`;
    line = line.trim();
    if (!line || line.startsWith('#')) continue;
    const sleep = /^sleep\s+(\d+(?:\.\d+)?)$/.exec(line);
    if (sleep) {
      steps.push({ kind: 'sleep', seconds: Number(sleep[1]), lineNumber });
      continue;
    }
    if (!/^(kubectl|k)(\s|$)/.test(line)) throw new Error(`${name}:${lineNumber}: only kubectl lines and "sleep N" are allowed, not "${line}"`);
    const heredoc = /\s<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(line);
    if (!heredoc) {
      steps.push({ kind: 'kubectl', line, lineNumber });
      continue;
    }
    const body: string[] = [];
    let closed = false;
    while (++i < lines.length) {
      if (lines[i].trim() === heredoc[2]) {
        closed = true;
        break;
      }
      body.push(lines[i]);
    }
    if (!closed) throw new Error(`${name}:${lineNumber}: the here-document is not closed by ${heredoc[2]}`);
    steps.push({ kind: 'kubectl', line: line.slice(0, heredoc.index).trim(), stdin: `${body.join('\n')}\n`, lineNumber });
  }
  return steps;
}

/** What a script runs against: a kubectl emulator and the cluster's clock. */
export interface ScriptTarget {
  kubectl(line: string, files: Record<string, string>, stdin?: string): { stdout: string; stderr: string; exitCode: number };
  advance(ms: number): void;
}

/** A kubectl step's outcome. */
export interface StepResult {
  line: string;
  lineNumber: number;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run a script's steps in order; every kubectl step's outcome is returned (a failing step does not stop the script). */
export function runScript(steps: readonly ScriptStep[], target: ScriptTarget, files: Record<string, string>): StepResult[] {
  const results: StepResult[] = [];
  for (const step of steps) {
    if (step.kind === 'sleep') {
      target.advance(Math.round(step.seconds * 1000));
      continue;
    }
    results.push({ line: step.line, lineNumber: step.lineNumber, ...target.kubectl(step.line, files, step.stdin) });
  }
  return results;
}
