/**
 * Translates a syntax error from the `yaml` package into the message go-yaml v2 gives for the same
 * mistake, so learners see kubectl's words. go-yaml numbers lines oddly: scanner errors name the
 * 1-based line of the problem, parser errors name the line *before* it (a 0-based index), and a
 * parser error on the first line prints no line at all. Checked against real kubectl 1.32.
 */
import type { YAMLError } from 'yaml';

/** A go-yaml style message and the 1-based line (in the document) where the problem really is. */
export interface SyntaxProblem {
  /** e.g. `yaml: line 4: did not find expected key`. */
  message: string;
  /** 1-based line of the offending text within the document, for editors. */
  problemLine: number;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// Scanner errors: go-yaml prints the problem's own 1-based line.
function scanner(problem: string, line: number): SyntaxProblem {
  return { message: `yaml: line ${line}: ${problem}`, problemLine: line };
}

// Parser errors: go-yaml prints the 0-based line of the problem token, omitted when it is 0.
function parser(problem: string, line: number): SyntaxProblem {
  const shown = line - 1;
  return { message: shown > 0 ? `yaml: line ${shown}: ${problem}` : `yaml: ${problem}`, problemLine: line };
}

// The enclosing block collection is a sequence when the nearest less-indented line opens with `- `.
function insideSequence(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lines = text.slice(0, lineStart).split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const previous = lines[lines.length - 1];
  return previous !== undefined && /^\s*- /.test(previous + ' ');
}

/** Maps the first error the `yaml` package found in `text` to go-yaml's message. */
export function toGoYamlError(error: YAMLError, text: string): SyntaxProblem {
  const [start, end] = error.pos;
  const line = lineAt(text, start);
  switch (error.code) {
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return scanner('found character that cannot start any token', line);
    case 'BAD_DQ_ESCAPE':
      return scanner('found unknown escape character', line);
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (error.message.startsWith('Nested mappings')) return mappingValues(text, start);
      return parser(insideSequence(text, start) ? "did not find expected '-' indicator" : 'did not find expected key', line);
    case 'MULTILINE_IMPLICIT_KEY':
      return mappingValues(text, start);
    case 'MISSING_CHAR':
      if (/closing .?quote/i.test(error.message)) {
        // The scanner reaches the end of the stream; its mark sits on the line after the last newline.
        return scanner('found unexpected end of stream', lineAt(text, text.length));
      }
      return parser('could not find expected \':\'', lineAt(text, end));
    case 'BAD_INDENT':
      if (error.message.startsWith('Flow map')) return parser("did not find expected ',' or '}'", line);
      if (error.message.startsWith('Flow sequence')) return parser("did not find expected ',' or ']'", line);
      return parser(insideSequence(text, start) ? "did not find expected '-' indicator" : 'did not find expected key', line);
    case 'KEY_OVER_1024_CHARS':
      return scanner('could not find expected \':\'', line);
    default:
      return parser(insideSequence(text, start) ? "did not find expected '-' indicator" : 'did not find expected key', line);
  }
}

// go-yaml reports `mapping values are not allowed` at the second `:` of `a: b: c`.
function mappingValues(text: string, from: number): SyntaxProblem {
  const colon = /:(?=[ \t\r\n]|$)/g;
  colon.lastIndex = from;
  const found = colon.exec(text);
  return scanner('mapping values are not allowed in this context', lineAt(text, found ? found.index : from));
}
