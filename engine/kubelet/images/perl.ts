/**
 * The `perl` image's interpreter, for the one-liners tutorials run: the docs' Job
 * `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints π to 2000 significant digits (computed here
 * exactly, with BigInt and Machin's formula) after a few seconds of CPU, and `print "text"`
 * statements print their string. Any other program exits 0 without output.
 */
import type { ProcessRun } from './shell.ts';

/** What `perl ARGS` was asked to do: its switches and the program text of `-e`/`-E`. */
export interface PerlInvocation {
  /** `-l`: print appends a newline. */
  newline: boolean;
  /** Modules loaded with `-M` (`bignum=bpi` → `bignum` with import list `bpi`). */
  modules: string[];
  /** The program of `-e`/`-E` (several are joined by newlines), or undefined when none was given. */
  code?: string;
}

/** Read perl's command-line switches (perlrun): clustered single letters, `-M`/`-m` modules, `-e CODE`. */
export function parsePerlArgs(args: string[]): PerlInvocation {
  const result: PerlInvocation = { newline: false, modules: [] };
  const code: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--' || !arg.startsWith('-') || arg === '-') break;
    if (/^-[Mm]/.test(arg)) {
      result.modules.push(arg.length > 2 ? arg.slice(2) : args[++i] ?? '');
      continue;
    }
    for (let c = 1; c < arg.length; c++) {
      const letter = arg[c];
      if (letter === 'l') result.newline = true;
      else if (letter === 'e' || letter === 'E') {
        // The rest of the cluster is the program, else the next argument is.
        code.push(c + 1 < arg.length ? arg.slice(c + 1) : args[++i] ?? '');
        break;
      }
    }
  }
  if (code.length) result.code = code.join('\n');
  return result;
}

const machinCache = new Map<number, string>();

/** arctan(1/x) × `scale`, by its Taylor series in fixed point. */
function arctanInverse(x: bigint, scale: bigint): bigint {
  const x2 = x * x;
  let power = scale / x;
  let sum = power;
  for (let k = 1n; power !== 0n; k++) {
    power /= x2;
    const term = power / (2n * k + 1n);
    sum += k % 2n ? -term : term;
  }
  return sum;
}

/**
 * π to `digits` significant digits, rounded as Math::BigFloat rounds it (`3.1415926536` for 11):
 * Machin's π = 16·arctan(1/5) − 4·arctan(1/239), with guard digits so the last one is right.
 */
export function piDigits(digits: number): string {
  const cached = machinCache.get(digits);
  if (cached) return cached;
  const guard = 12;
  const scale = 10n ** BigInt(digits + guard);
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale);
  // pi has digits + guard + 1 digits; keep `digits`, rounding half up (π never ties).
  const divisor = 10n ** BigInt(guard + 1);
  const rounded = (pi + divisor / 2n) / divisor;
  const text = rounded.toString();
  const result = text.length > 1 ? `${text[0]}.${text.slice(1)}` : text;
  machinCache.set(digits, result);
  return result;
}

/** CPU time perl takes for bpi(N): about 3 s for 2000 digits on a kind node, growing with N². */
export function bpiCpuMs(digits: number): number {
  return Math.max(20, Math.round(3000 * (digits / 2000) ** 2));
}

/** A double-quoted string's escapes, or a single-quoted string's two. */
function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal[0] === "'") return body.replace(/\\([\\'])/g, '$1');
  const escapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', $: '$', '@': '@', e: '\x1b', '0': '\0' };
  return body.replace(/\\(.)/g, (_all, c: string) => escapes[c] ?? c);
}

type Statement = { kind: 'print'; text: string } | { kind: 'bpi'; digits: number } | { kind: 'undefined-bpi' };

/** The statements of a program made only of `print "…"` and `print bpi(N)`; undefined for anything else. */
function statements(code: string, bignumBpi: boolean): Statement[] | undefined {
  const out: Statement[] = [];
  for (const raw of code.split(';')) {
    const statement = raw.trim();
    if (!statement) continue;
    const bpi = /^print\s*\(?\s*(?:bpi|Math::BigFloat\s*->\s*bpi|Math::BigFloat::bpi)\s*\(\s*(\d+)\s*\)\s*\)?$/.exec(statement);
    if (bpi) {
      const qualified = statement.includes('Math::BigFloat');
      out.push(bignumBpi || qualified ? { kind: 'bpi', digits: Number(bpi[1]) } : { kind: 'undefined-bpi' });
      continue;
    }
    const literal = /^print\s*\(?\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\)?$/.exec(statement);
    if (!literal) return undefined;
    out.push({ kind: 'print', text: unquote(literal[1]) });
  }
  return out;
}

/**
 * Run `perl ARGS` as a process. `busy(ms)` records CPU work (the container's usage) before the
 * process spends `ms` of virtual time computing.
 */
export function* perlProcess(args: string[], busy: (ms: number) => void): ProcessRun {
  const invocation = parsePerlArgs(args);
  if (invocation.code === undefined) return 0;
  const bignumBpi = invocation.modules.some((m) => /^(bignum|bigrat|Math::BigFloat)=.*\bbpi\b/.test(m));
  const program = statements(invocation.code, bignumBpi);
  if (!program) return 0;
  const end = invocation.newline ? '\n' : '';
  for (const statement of program) {
    if (statement.kind === 'undefined-bpi') {
      yield { kind: 'output', text: 'Undefined subroutine &main::bpi called at -e line 1.\n', stream: 'stderr' };
      return 255;
    }
    if (statement.kind === 'print') {
      yield { kind: 'output', text: statement.text + end, stream: 'stdout' };
      continue;
    }
    // Math::BigFloat works in pure Perl: a busy core for the whole computation, one second at a time.
    for (let left = bpiCpuMs(statement.digits); left > 0; left -= 1000) {
      const ms = Math.min(1000, left);
      busy(ms);
      yield { kind: 'sleep', ms };
    }
    yield { kind: 'output', text: (statement.digits > 0 ? piDigits(statement.digits) : '3') + end, stream: 'stdout' };
  }
  return 0;
}
