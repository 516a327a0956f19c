import { queryErrors } from '../query-errors';

/**
 * Lexer for `$filter`/`$orderby` text, modelled on ODL's ExpressionLexer so positions in error messages match
 * the real service (specs/dataverse-webapi.md §1.4). The whole text is lexed up front: an unterminated literal
 * anywhere is reported first, at the end of the text, like the documented
 * "There is an unterminated literal at position 21 in 'lastname eq 'O'Bryan''." (ODL lexes `Bryan'` as the
 * start of a typed literal such as `binary'…'`, which is why the doubled-quote mistake ends up there).
 */
export type TokenKind =
  | 'identifier'
  | 'string'
  | 'dqstring'
  | 'number'
  | 'guid'
  | 'datetime'
  | 'date'
  | 'typed'
  | 'alias'
  | '('
  | ')'
  | ','
  | '/'
  | '='
  | '['
  | ']'
  | ':'
  | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier/alias name, decoded string value, or the number/guid/date text. */
  readonly text: string;
  /** Start offset (0-based). */
  readonly position: number;
  /** Offset just past the token; ODL reports it for "Syntax error at position N". */
  readonly end: number;
}

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/y;
const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})(?![\w-])/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\w-])/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_.]*/y;
// ':' only occurs in lambdas (`any(c:…)`); lexing it lets the parser name that feature in its error.
const PUNCT = new Set(['(', ')', ',', '/', '=', '[', ']', ':']);

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** Reads a literal quoted by `quote` starting at `at` (the opening quote); doubled quotes are escapes. */
function readQuoted(text: string, at: number, quote: string): { value: string; end: number } {
  let value = '';
  let i = at + 1;
  for (;;) {
    const next = text.indexOf(quote, i);
    if (next < 0) throw queryErrors.unterminatedLiteral(text.length, text);
    value += text.slice(i, next);
    if (text[next + 1] === quote) {
      value += quote;
      i = next + 2;
      continue;
    }
    return { value, end: next + 1 };
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number, end: number) => {
    tokens.push({ kind, text: value, position: start, end });
    i = end;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const { value, end } = readQuoted(text, i, ch);
      push(ch === "'" ? 'string' : 'dqstring', value, i, end);
      continue;
    }
    if (PUNCT.has(ch)) {
      push(ch as TokenKind, ch, i, i + 1);
      continue;
    }
    // Order matters: a GUID may start with digits or letters, a date-time with the same digits as a number.
    const guid = match(GUID, text, i);
    if (guid) {
      push('guid', guid, i, i + guid.length);
      continue;
    }
    const dt = match(DATETIME, text, i) ?? match(DATE, text, i);
    if (dt) {
      push(dt.length > 10 ? 'datetime' : 'date', dt, i, i + dt.length);
      continue;
    }
    if (ch === '@') {
      const name = match(IDENT, text, i + 1);
      if (!name) throw queryErrors.invalidCharacter(ch, i, text);
      push('alias', `@${name}`, i, i + 1 + name.length);
      continue;
    }
    if ((ch >= '0' && ch <= '9') || (ch === '-' && /\d/.test(text[i + 1] ?? ''))) {
      const num = match(NUMBER, text, i) as string;
      // "4.a" / "4Ea": ODL wants a digit right after the point or exponent marker.
      const after = text[i + num.length];
      if (after === '.' || after === 'e' || after === 'E') throw queryErrors.digitExpected(i + num.length + 1, text);
      if (after !== undefined && /[A-Za-z_]/.test(after)) throw queryErrors.syntaxError(i + num.length, text);
      push('number', num, i, i + num.length);
      continue;
    }
    const ident = match(IDENT, text, i);
    if (ident) {
      const end = i + ident.length;
      if (text[end] === "'") {
        // Typed literal (binary'…', duration'…'): none are meaningful to Dataverse, but lexing them keeps the
        // unterminated-literal position identical to the service.
        const q = readQuoted(text, end, "'");
        push('typed', text.slice(i, q.end), i, q.end);
        continue;
      }
      push('identifier', ident, i, end);
      continue;
    }
    throw queryErrors.invalidCharacter(ch, i, text);
  }
  tokens.push({ kind: 'end', text: '', position: text.length, end: text.length });
  return tokens;
}
