import { queryErrors } from '../query-errors';
import type { CompareOp, CrmParam, SyntaxNode } from './ast';
import { tokenize, type Token, type TokenKind } from './tokenizer';

/**
 * Recursive-descent parser for `$filter` with ODL's precedence (specs/dataverse-webapi.md §1.4):
 * `or` < `and` < comparison < `not` (unary) < primary. As in ODL, `not` binds to the next primary, so
 * `not name eq 'x'` means `(not name) eq 'x'` and is rejected by the binder; write `not (name eq 'x')` or
 * `not contains(name,'x')`. Keywords are case-sensitive.
 *
 * Parameter aliases (`@p1`) are substituted by parsing the alias value as one primary expression; an alias
 * with no value is null, as ODL does. Inside `$expand` aliases are not allowed (§1.4).
 */
export interface ParseOptions {
  /** Alias values from the query string (`@p1` → `'Contoso'`). Undefined: aliases are rejected. */
  readonly aliases?: ReadonlyMap<string, string>;
}

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
export const CRM_PREFIX = 'Microsoft.Dynamics.CRM.';

class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly options: ParseOptions,
  ) {}

  private get current(): Token {
    return this.tokens[this.index] as Token;
  }

  private peek(offset = 1): Token {
    return (this.tokens[this.index + offset] ?? this.tokens[this.tokens.length - 1]) as Token;
  }

  private advance(): Token {
    const token = this.current;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  /** A method, not a property read, so TypeScript does not narrow `current` across `advance()`. */
  private at(kind: TokenKind): boolean {
    return this.current.kind === kind;
  }

  private isKeyword(word: string): boolean {
    return this.at('identifier') && this.current.text === word;
  }

  parseAll(): SyntaxNode {
    const node = this.parseOr();
    if (!this.at('end')) throw queryErrors.syntaxError(this.current.end, this.text);
    return node;
  }

  parseOr(): SyntaxNode {
    let node = this.parseAnd();
    while (this.isKeyword('or')) {
      const position = this.advance().position;
      node = { kind: 'binary', op: 'or', left: node, right: this.parseAnd(), position };
    }
    return node;
  }

  private parseAnd(): SyntaxNode {
    let node = this.parseComparison();
    while (this.isKeyword('and')) {
      const position = this.advance().position;
      node = { kind: 'binary', op: 'and', left: node, right: this.parseComparison(), position };
    }
    return node;
  }

  private parseComparison(): SyntaxNode {
    let node = this.parseUnary();
    while (this.at('identifier') && COMPARE_OPS.has(this.current.text)) {
      const token = this.advance();
      node = { kind: 'binary', op: token.text as CompareOp, left: node, right: this.parseUnary(), position: token.position };
    }
    return node;
  }

  private parseUnary(): SyntaxNode {
    if (this.isKeyword('not')) {
      const position = this.advance().position;
      return { kind: 'not', operand: this.parseUnary(), position };
    }
    return this.parsePrimary();
  }

  parsePrimary(): SyntaxNode {
    const token = this.current;
    switch (token.kind) {
      case '(': {
        this.advance();
        const inner = this.parseOr();
        if (!this.at(')')) throw queryErrors.closeParenOrOperatorExpected(this.current.position, this.text);
        this.advance();
        return inner;
      }
      case 'string':
      case 'guid':
      case 'datetime':
      case 'date':
        this.advance();
        return { kind: 'literal', type: token.kind, value: token.text, raw: token.text, position: token.position };
      case 'number':
        this.advance();
        return { kind: 'literal', type: 'number', value: Number(token.text), raw: token.text, position: token.position };
      case 'alias':
        this.advance();
        return this.resolveAlias(token);
      case 'identifier':
        return this.parseIdentifier();
      case 'typed':
        throw queryErrors.syntaxError(token.position, this.text);
      default:
        throw queryErrors.expressionExpected(token.position, this.text);
    }
  }

  private resolveAlias(token: Token): SyntaxNode {
    const { aliases } = this.options;
    if (!aliases) throw queryErrors.aliasInExpand(token.text);
    const value = aliases.get(token.text);
    if (value === undefined) return { kind: 'literal', type: 'null', value: null, raw: 'null', position: token.position };
    const sub = new Parser(value, tokenize(value), { aliases: new Map() });
    const node = sub.parsePrimary();
    if (sub.current.kind !== 'end') throw queryErrors.syntaxError(sub.current.end, value);
    return node;
  }

  private parseIdentifier(): SyntaxNode {
    const token = this.advance();
    const { text: name, position } = token;
    if (name === 'true' || name === 'false') return { kind: 'literal', type: 'boolean', value: name === 'true', raw: name, position };
    if (name === 'null') return { kind: 'literal', type: 'null', value: null, raw: name, position };
    if (this.at('(')) {
      this.advance();
      if (name.startsWith(CRM_PREFIX)) return { kind: 'crmCall', name, params: this.parseCrmParams(), position };
      return { kind: 'call', name, args: this.parseArguments(), position };
    }
    const segments = [name];
    while (this.at('/')) {
      this.advance();
      const next = this.current;
      if (next.kind !== 'identifier') throw queryErrors.expressionExpected(next.position, this.text);
      this.advance();
      if (this.at('(')) throw queryErrors.emulatorUnsupported(`The lambda or function '${next.text}' on a navigation path`);
      segments.push(next.text);
    }
    return { kind: 'path', segments, position };
  }

  private parseArguments(): SyntaxNode[] {
    const args: SyntaxNode[] = [];
    if (this.at(')')) {
      this.advance();
      return args;
    }
    for (;;) {
      args.push(this.parseOr());
      const sep = this.current;
      if (sep.kind === ')') break;
      if (sep.kind !== ',') throw queryErrors.closeParenOrCommaExpected(sep.position, this.text);
      this.advance();
    }
    this.advance();
    return args;
  }

  /** `PropertyName='x',PropertyValues=['a','b']`: named parameters, values are literals, aliases or arrays. */
  private parseCrmParams(): Map<string, CrmParam> {
    const params = new Map<string, CrmParam>();
    for (;;) {
      const name = this.current;
      if (name.kind !== 'identifier') throw queryErrors.expressionExpected(name.position, this.text);
      this.advance();
      if (!this.at('=')) throw queryErrors.syntaxError(this.current.position, this.text);
      this.advance();
      params.set(name.text, this.at('[') ? this.parseArray() : this.parsePrimary());
      const sep = this.advance();
      if (sep.kind === ')') return params;
      if (sep.kind !== ',') throw queryErrors.closeParenOrCommaExpected(sep.position, this.text);
    }
  }

  private parseArray(): CrmParam {
    const position = this.advance().position;
    const items: SyntaxNode[] = [];
    while (!this.at(']')) {
      const token = this.current;
      // The documented examples write PropertyValues=["5","2000"]: JSON strings as well as OData literals.
      if (token.kind === 'dqstring') {
        this.advance();
        items.push({ kind: 'literal', type: 'string', value: token.text, raw: token.text, position: token.position });
      } else items.push(this.parsePrimary());
      if (this.at(',')) this.advance();
      else if (!this.at(']')) throw queryErrors.syntaxError(this.current.position, this.text);
    }
    this.advance();
    return { kind: 'array', items, position };
  }
}

/** Parses `$filter` text into a syntax tree; throws the ODL-worded 400s with positions. */
export function parseFilterSyntax(text: string, options: ParseOptions = { aliases: new Map() }): SyntaxNode {
  return new Parser(text, tokenize(text), options).parseAll();
}
