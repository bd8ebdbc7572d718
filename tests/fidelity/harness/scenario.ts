/**
 * The scenario format of the fidelity harness: a small shell-like script, read as data.
 *
 *     # seed 7                       the cluster seed of both servers (default 1)
 *     cat > web.yaml <<EOF           an inline file in the working directory, up to the line `EOF`
 *     apiVersion: apps/v1
 *     …
 *     EOF
 *     kubectl apply -f web.yaml      a compared command; 'single' and "double" quotes group words
 *     kubectl apply -f - < web.yaml  stdin from a file of the working directory
 *     # advance 30s                  move virtual time on both servers (s, m or h)
 *     # anything else                a comment
 *
 * A file written again later replaces the earlier text from that point on, as in a shell.
 */

/** One step of a scenario, in order. */
export type Step =
  | { kind: 'file'; name: string; content: string }
  | { kind: 'advance'; seconds: number }
  | { kind: 'kubectl'; line: string; args: string[]; stdin?: string; lineNumber: number };

export interface Scenario {
  name: string;
  seed: number;
  steps: Step[];
}

/** Split the words of a command line as sh does for quotes and backslashes (no expansion). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in: ${line}`);
      word += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        // Inside double quotes a backslash escapes only " \ $ and `.
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        word += line[j];
      }
      if (j >= line.length) throw new Error(`unclosed " in: ${line}`);
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
    } else {
      word += c;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const units: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Parse a scenario file's text; `name` is used in messages and in the known-differences keys. */
export function parseScenario(name: string, text: string): Scenario {
  const lines = text.split('\n');
  const steps: Step[] = [];
  const files = new Map<string, string>();
  let seed = 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    const where = `${name}:${i + 1}`;
    if (!line.trim()) continue;
    const heredoc = /^cat > (\S+) <<'?(\w+)'?$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      if (end < 0) throw new Error(`${where}: no line ${heredoc[2]} ends the file ${heredoc[1]}`);
      const content = lines.slice(i + 1, end).join('\n') + '\n';
      files.set(heredoc[1], content);
      steps.push({ kind: 'file', name: heredoc[1], content });
      i = end;
      continue;
    }
    const directive = /^# (seed|advance) (\S+)$/.exec(line);
    if (directive?.[1] === 'seed') {
      seed = Number(directive[2]);
      if (!Number.isInteger(seed)) throw new Error(`${where}: the seed must be an integer`);
      continue;
    }
    if (directive?.[1] === 'advance') {
      const time = /^(\d+)([smh])$/.exec(directive[2]);
      if (!time) throw new Error(`${where}: advance takes a duration such as 30s, 5m or 1h`);
      steps.push({ kind: 'advance', seconds: Number(time[1]) * units[time[2]] });
      continue;
    }
    if (line.startsWith('#')) continue;
    if (!line.startsWith('kubectl ') && line !== 'kubectl') throw new Error(`${where}: a step is a kubectl line, a cat heredoc, or a # comment`);
    let command = line;
    let stdin: string | undefined;
    const redirect = / < (\S+)$/.exec(line);
    if (redirect) {
      stdin = files.get(redirect[1]);
      if (stdin === undefined) throw new Error(`${where}: no file ${redirect[1]} for stdin`);
      command = line.slice(0, redirect.index);
    }
    steps.push({ kind: 'kubectl', line, args: shellWords(command).slice(1), stdin, lineNumber: i + 1 });
  }
  return { name, seed, steps };
}
