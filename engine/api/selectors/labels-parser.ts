/**
 * `labels.Parse`: the `?labelSelector=` grammar, with the API server's error texts.
 *
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 *
 * Like the Go lexer, an identifier is any run of bytes other than whitespace and `=!(),><`, so
 * `app=we b` fails in the parser ("found 'b', expected: ',' or 'end of string'") and `app=w&b`
 * fails validation ("unable to parse requirement: values[0][app]: Invalid value: …").
 */
import type { Operator, Requirement, Result, Selector } from './labels.ts';
import { goQuote, newRequirement, sortByKey } from './labels.ts';
import { isQualifiedName } from './names.ts';

type Token =
  | 'error' | 'end' | 'closedPar' | 'comma' | 'doesNotExist' | 'doubleEquals' | 'equals' | 'greaterThan'
  | 'identifier' | 'in' | 'lessThan' | 'notEquals' | 'notIn' | 'openPar';

interface Item {
  token: Token;
  literal: string;
}

const literalTokens: Record<string, Token> = {
  ')': 'closedPar', ',': 'comma', '!': 'doesNotExist', '==': 'doubleEquals', '=': 'equals', '>': 'greaterThan',
  in: 'in', '<': 'lessThan', '!=': 'notEquals', notin: 'notIn', '(': 'openPar',
};

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

/** Splits the selector into tokens; operators are the longest run of special characters that is still a token. */
function scan(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos])) pos++;
    if (pos >= input.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    if (isSpecial(input[pos])) {
      let buffer = '';
      let last: Item | undefined;
      while (pos < input.length && isSpecial(input[pos])) {
        buffer += input[pos];
        const token = Object.hasOwn(literalTokens, buffer) ? literalTokens[buffer] : undefined;
        if (token) last = { token, literal: buffer };
        else if (last) break;
        pos++;
      }
      items.push(last ?? { token: 'error', literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = pos;
    while (pos < input.length && !isSpecial(input[pos]) && !isWhitespace(input[pos])) pos++;
    const word = input.slice(start, pos);
    items.push({ token: Object.hasOwn(literalTokens, word) ? literalTokens[word] : 'identifier', literal: word });
  }
}

class ParseError extends Error {}

/** The recursive-descent parser over the scanned items. In value context `in`/`notin` are plain words. */
class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  private look(values: boolean): Item {
    return this.asValue(this.items[this.position], values);
  }

  private next(values: boolean): Item {
    return this.asValue(this.items[this.position++], values);
  }

  private asValue(item: Item, values: boolean): Item {
    if (values && (item.token === 'in' || item.token === 'notIn')) return { token: 'identifier', literal: item.literal };
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { token, literal } = this.look(true);
      if (token === 'end') return requirements;
      if (token !== 'identifier' && token !== 'doesNotExist') {
        throw new ParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      let requirement: Requirement;
      try {
        requirement = this.requirement();
      } catch (error) {
        if (error instanceof ParseError) throw new ParseError(`unable to parse requirement: ${error.message}`);
        throw error;
      }
      requirements.push(requirement);
      const after = this.next(true);
      if (after.token === 'end') return requirements;
      if (after.token !== 'comma') throw new ParseError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.look(true);
      if (following.token !== 'identifier' && following.token !== 'doesNotExist') {
        throw new ParseError(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): Requirement {
    let { token, literal } = this.next(true);
    let operator: Operator | undefined;
    if (token === 'doesNotExist') {
      operator = '!';
      ({ token, literal } = this.next(true));
    }
    if (token !== 'identifier') throw new ParseError(`found '${literal}', expected: identifier`);
    const keyErrors = isQualifiedName(literal);
    // The parser validates the key with a nil field path, which Go prints as "<nil>".
    if (keyErrors.length) throw new ParseError(`<nil>: Invalid value: ${goQuote(literal)}: ${keyErrors.join('; ')}`);
    const key = literal;
    const ahead = this.look(true).token;
    if (ahead === 'end' || ahead === 'comma') return this.checked(key, operator ?? 'exists', []);
    if (operator === '!') return this.checked(key, '!', []);
    operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.setValues() : this.exactValue();
    // sets.String.List(): de-duplicated and sorted.
    return this.checked(key, operator, [...new Set(values)].sort());
  }

  private checked(key: string, operator: Operator, values: string[]): Requirement {
    const result = newRequirement(key, operator, values);
    if (!result.ok) throw new ParseError(result.message);
    return result.value;
  }

  private operator(): Operator {
    const { token, literal } = this.next(false);
    const operators: Partial<Record<Token, Operator>> = {
      in: 'in', equals: '=', doubleEquals: '==', greaterThan: 'gt', lessThan: 'lt', notIn: 'notin', notEquals: '!=',
    };
    const operator = operators[token];
    if (!operator) throw new ParseError(`found '${literal}', expected: in, notin, =, ==, !=, gt, lt`);
    return operator;
  }

  private setValues(): string[] {
    const open = this.next(true);
    if (open.token !== 'openPar') throw new ParseError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.look(true);
    if (token === 'closedPar') {
      this.next(true);
      return [''];
    }
    if (token !== 'identifier' && token !== 'comma') {
      throw new ParseError(`found '${literal}', expected: ',', ')' or identifier`);
    }
    const values = this.identifierList();
    // Go reports the literal looked at before the list, not the one that broke it.
    if (this.next(true).token !== 'closedPar') throw new ParseError(`found '${literal}', expected: ')'`);
    return values;
  }

  /** A comma-separated list in which empty entries stand for the empty value: `(a,,b)`, `(,a)`, `(a,)`. */
  private identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const { token, literal } = this.next(true);
      if (token === 'identifier') {
        values.push(literal);
        const ahead = this.look(true);
        if (ahead.token === 'comma') continue;
        if (ahead.token === 'closedPar') return values;
        throw new ParseError(`found '${ahead.literal}', expected: ',' or ')'`);
      } else if (token === 'comma') {
        if (values.length === 0) values.push('');
        const ahead = this.look(true).token;
        if (ahead === 'closedPar') {
          values.push('');
          return values;
        }
        if (ahead === 'comma') {
          this.next(true);
          values.push('');
        }
      } else {
        throw new ParseError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string[] {
    const ahead = this.look(true).token;
    if (ahead === 'end' || ahead === 'comma') return [''];
    const { token, literal } = this.next(true);
    if (token === 'identifier') return [literal];
    throw new ParseError(`found '${literal}', expected: identifier`);
  }
}

/**
 * `labels.Parse`: the selector, sorted by key, or the message of the 400 BadRequest the API server
 * answers with (e.g. `unable to parse requirement: <nil>: Invalid value: "-app": name part must …`).
 */
export function parseLabelSelector(input: string): Result<Selector> {
  try {
    return { ok: true, value: { requirements: sortByKey(new Parser(scan(input)).parse()) } };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, message: error.message };
    throw error;
  }
}
