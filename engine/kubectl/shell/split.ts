/**
 * Splits what a learner types into words the way a POSIX shell would for the small subset the
 * terminal supports: whitespace, 'single' and "double" quotes, backslash escapes, and `|` between
 * pipeline stages. Anything that needs a real shell (`$(…)`, backticks, `;`, `&&`, redirections)
 * is refused with a message rather than silently misread.
 */

/** The stages of a pipeline, each a list of words; or why the line cannot be run. */
export type SplitResult = { ok: true; stages: string[][] } | { ok: false; error: string };

const unsupported: [pattern: string, what: string][] = [
  ['$(', 'command substitution $(…)'],
  ['`', 'command substitution `…`'],
  ['&&', 'the && operator'],
  ['||', 'the || operator'],
  [';', 'the ; separator'],
  ['>', 'output redirection (>)'],
  ['<', 'input redirection (<)'],
  ['&', 'background jobs (&)'],
];

function refuse(what: string): SplitResult {
  return { ok: false, error: `kubelab: ${what} is not supported in this terminal` };
}

/** Split a command line into pipeline stages of words. */
export function splitCommandLine(line: string): SplitResult {
  const stages: string[][] = [[]];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) stages[stages.length - 1].push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: 'kubelab: unexpected end of line: a single quote (\') is not closed' };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) {
          word += line[++j];
        } else if (line[j] === '`' || (line[j] === '$' && line[j + 1] === '(')) {
          return refuse(line[j] === '`' ? 'command substitution `…`' : 'command substitution $(…)');
        } else {
          word += line[j];
        }
      }
      if (j >= line.length) return { ok: false, error: 'kubelab: unexpected end of line: a double quote (") is not closed' };
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        // A backslash before a newline joins lines; before anything else it quotes that character.
        if (line[i + 1] !== '\n') {
          word += line[i + 1];
          inWord = true;
        }
        i++;
      }
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      endWord();
    } else if (c === '|' && line[i + 1] !== '|') {
      endWord();
      if (stages[stages.length - 1].length === 0) return { ok: false, error: "kubelab: syntax error near unexpected token `|'" };
      stages.push([]);
    } else {
      const match = unsupported.find(([pattern]) => line.startsWith(pattern, i));
      if (match) return refuse(match[1]);
      word += c;
      inWord = true;
    }
  }
  endWord();
  if (stages.length > 1 && stages[stages.length - 1].length === 0) {
    return { ok: false, error: "kubelab: syntax error near unexpected token `|'" };
  }
  return { ok: true, stages };
}
