/**
 * kubectl reads `-f` input with apimachinery's YAMLOrJSONDecoder: input whose first non-space
 * byte is `{` is read as a stream of JSON values, not as YAML, so YAML flow style
 * (`{apiVersion: v1, …}`) fails with Go's JSON syntax error. This is the check, with Go's
 * encoding/json scanner messages and offsets (`json: offset 2: invalid character 'a' looking for
 * beginning of object key string`).
 */

/** Whether kubectl's decoder would read this text as JSON (hasJSONPrefix). */
export function looksLikeJson(text: string): boolean {
  return /^[ \t\r\n]*\{/.test(text);
}

/** Go's quoteChar: `'a'`, `'\''`, `'"'`, `'\n'`. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const quoted = JSON.stringify(c);
  return `'${quoted.slice(1, -1)}'`;
}

class SyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/**
 * The error kubectl reports for a JSON stream, or undefined when every value is well formed:
 * `json: offset N: …` for a syntax error, `unexpected EOF` for a value cut short.
 */
export function jsonStreamError(text: string): string | undefined {
  let i = 0;
  const fail = (context: string): never => {
    throw new SyntaxError(`invalid character ${quoteChar(text[i])} ${context}`, i + 1);
  };
  const eof = (): never => {
    throw new SyntaxError('unexpected EOF', -1);
  };
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= text.length) eof();
      if (text[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) eof();
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (i >= text.length) eof();
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= text.length) eof();
            if (!/[0-9a-fA-F]/.test(text[i])) fail('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(text[i])) fail('in string escape code');
      } else if (c < ' ') fail('in string literal');
      i++;
    }
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (i >= text.length) eof();
    if (text[i] === '0') i++;
    else if (/[1-9]/.test(text[i])) while (i < text.length && /[0-9]/.test(text[i])) i++;
    else fail('in numeric literal');
    if (text[i] === '.') {
      i++;
      if (i >= text.length) eof();
      if (!/[0-9]/.test(text[i])) fail('after decimal point in numeric literal');
      while (i < text.length && /[0-9]/.test(text[i])) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= text.length) eof();
      if (!/[0-9]/.test(text[i])) fail('in exponent of numeric literal');
      while (i < text.length && /[0-9]/.test(text[i])) i++;
    }
  };
  /** After `{` or `[`: an empty container, or members separated by commas up to `close`. */
  const members = (close: '}' | ']', member: () => void, afterMember: string): void => {
    i++;
    space();
    if (i >= text.length) eof();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      space();
      if (i >= text.length) eof();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      fail(afterMember);
    }
  };
  const objectMember = (): void => {
    space();
    if (i >= text.length) eof();
    if (text[i] !== '"') fail('looking for beginning of object key string');
    string();
    space();
    if (i >= text.length) eof();
    if (text[i] !== ':') fail('after object key');
    i++;
    value();
  };
  const value = (): void => {
    space();
    if (i >= text.length) eof();
    const c = text[i];
    if (c === '{') return members('}', objectMember, 'after object key:value pair');
    if (c === '[') return members(']', value, 'after array element');
    if (c === '"') return string();
    if (c === '-' || /[0-9]/.test(c)) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail('looking for beginning of value');
  };
  try {
    for (space(); i < text.length; space()) value();
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return error.offset < 0 ? error.message : `json: offset ${error.offset}: ${error.message}`;
  }
}
