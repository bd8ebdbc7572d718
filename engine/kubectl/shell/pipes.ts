/**
 * The few text filters learners put after kubectl in a pipeline: `grep [-v] [-i] [-c] [-E] [-w] PATTERN`,
 * `wc -l`, `head [-n N | -N]` and `tail [-n N | -N]`. Each takes the previous stage's stdout and
 * answers as GNU coreutils would, exit codes included (grep exits 1 when nothing matches).
 */

/** What a filter stage produced. */
export interface FilterResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const joinLines = (parts: string[]): string => parts.map((line) => `${line}\n`).join('');

/** Translate a POSIX basic regular expression to a JavaScript one: in BRE, `+?|(){}` are literal unless escaped. */
export function basicToJsRegExp(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += '+?|(){}'.includes(next) ? next : `\\${next}`;
    } else if ('+?|(){}'.includes(c)) {
      out += `\\${c}`;
    } else {
      out += c;
    }
  }
  return out;
}

function grep(args: string[], input: string): FilterResult {
  let invert = false;
  let ignoreCase = false;
  let count = false;
  let extended = false;
  let word = false;
  let pattern: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-e' && i + 1 < args.length) pattern = args[++i];
    else if (arg.startsWith('-') && arg.length > 1 && pattern === undefined && /^-[vicEFw]+$/.test(arg)) {
      for (const flag of arg.slice(1)) {
        if (flag === 'v') invert = true;
        else if (flag === 'i') ignoreCase = true;
        else if (flag === 'c') count = true;
        else if (flag === 'E') extended = true;
        else if (flag === 'w') word = true;
      }
    } else if (arg.startsWith('-') && arg.length > 1 && pattern === undefined) {
      return { stdout: '', stderr: `grep: invalid option -- '${arg[1]}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, exitCode: 2 };
    } else if (pattern === undefined) pattern = arg;
    else return { stdout: '', stderr: `grep: ${arg}: No such file or directory\n`, exitCode: 2 };
  }
  if (pattern === undefined) {
    return { stdout: '', stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 };
  }
  let source = extended ? pattern : basicToJsRegExp(pattern);
  if (word) source = `(?<![\\w])(?:${source})(?![\\w])`;
  let regexp: RegExp;
  try {
    regexp = new RegExp(source, ignoreCase ? 'i' : '');
  } catch {
    return { stdout: '', stderr: 'grep: Invalid regular expression\n', exitCode: 2 };
  }
  const matched = lines(input).filter((line) => regexp.test(line) !== invert);
  const stdout = count ? `${matched.length}\n` : joinLines(matched);
  return { stdout, stderr: '', exitCode: matched.length ? 0 : 1 };
}

function wc(args: string[], input: string): FilterResult {
  const newlines = input.split('\n').length - 1;
  if (args.length === 1 && args[0] === '-l') return { stdout: `${newlines}\n`, stderr: '', exitCode: 0 };
  if (args.length === 1 && args[0] === '-w') {
    return { stdout: `${input.split(/\s+/).filter(Boolean).length}\n`, stderr: '', exitCode: 0 };
  }
  if (args.length === 0) {
    const words = input.split(/\s+/).filter(Boolean).length;
    const bytes = new TextEncoder().encode(input).length;
    const width = Math.max(String(newlines).length, String(words).length, String(bytes).length);
    return { stdout: `${[newlines, words, bytes].map((n) => String(n).padStart(width)).join(' ')}\n`, stderr: '', exitCode: 0 };
  }
  return { stdout: '', stderr: `kubelab: wc ${args.join(' ')} is not supported in this terminal (wc -l is)\n`, exitCode: 1 };
}

/** `-n N`, `-nN`, `-N` or `--lines=N`; 10 by default. */
function lineCount(command: string, args: string[]): number | FilterResult {
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    let value: string | undefined;
    if (arg === '-n') value = args[++i];
    else if (arg.startsWith('--lines=')) value = arg.slice('--lines='.length);
    else if (/^-n\d+$/.test(arg)) value = arg.slice(2);
    else if (/^-\d+$/.test(arg)) value = arg.slice(1);
    else return { stdout: '', stderr: `kubelab: ${command} ${arg} is not supported in this terminal\n`, exitCode: 1 };
    if (value === undefined || !/^\d+$/.test(value)) {
      return { stdout: '', stderr: `${command}: invalid number of lines: ‘${value ?? ''}’\n`, exitCode: 1 };
    }
    n = Number(value);
  }
  return n;
}

/** Run one filter stage of a pipeline over `input`; undefined when the command is not a known filter. */
export function runFilter(words: string[], input: string): FilterResult | undefined {
  const [command, ...args] = words;
  switch (command) {
    case 'grep': return grep(args, input);
    case 'egrep': return grep(['-E', ...args], input);
    case 'wc': return wc(args, input);
    case 'head':
    case 'tail': {
      const n = lineCount(command, args);
      if (typeof n !== 'number') return n;
      const all = lines(input);
      const kept = command === 'head' ? all.slice(0, n) : n === 0 ? [] : all.slice(-n);
      return { stdout: joinLines(kept), stderr: '', exitCode: 0 };
    }
    default: return undefined;
  }
}
