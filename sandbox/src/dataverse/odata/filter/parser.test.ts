import type { SyntaxNode } from './ast';
import { parseFilterSyntax } from './parser';
import { tokenize } from './tokenizer';
import { errorOf } from '../fixtures/errors';

/** Renders a syntax tree compactly so precedence is easy to assert. */
function show(n: SyntaxNode): string {
  switch (n.kind) {
    case 'literal':
      return n.type === 'string' ? `'${String(n.value)}'` : String(n.value);
    case 'path':
      return n.segments.join('/');
    case 'binary':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'not':
      return `(not ${show(n.operand)})`;
    case 'call':
      return `${n.name}(${n.args.map(show).join(',')})`;
    case 'crmCall':
      return `${n.name}[${[...n.params.keys()].join(',')}]`;
  }
}

const p = (text: string, aliases: Record<string, string> = {}) => show(parseFilterSyntax(text, { aliases: new Map(Object.entries(aliases)) }));


describe('tokenizer', () => {
  it('lexes literals with their kinds and positions', () => {
    const text = "name eq 'O''Bryan' and x ge 2023-04-07T21:59:01Z or d lt 2023-04-07 or g eq 49B0BE2E-D01C-ED11-B83E-000D3A572421 or n gt -1.5e2";
    const tokens = tokenize(text);
    const kinds = tokens.map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toContain("string:O'Bryan");
    expect(kinds).toContain('datetime:2023-04-07T21:59:01Z');
    expect(kinds).toContain('date:2023-04-07');
    expect(kinds).toContain('guid:49B0BE2E-D01C-ED11-B83E-000D3A572421');
    expect(kinds).toContain('number:-1.5e2');
    expect(tokens[2]).toMatchObject({ kind: 'string', position: 8, end: 18 });
    expect(tokens[tokens.length - 1]).toMatchObject({ kind: 'end', position: text.length });
  });

  it('lexes a GUID that starts with letters as one token, not an identifier', () => {
    expect(tokenize('d5026a4d-d01c-ed11-b83e-000d3a572421')[0]).toMatchObject({ kind: 'guid' });
  });

  it('reports the documented unterminated-literal message at the end of the text (§1.4)', () => {
    const e = errorOf(() => tokenize("lastname eq 'O'Bryan'"));
    expect(e.status).toBe(400);
    expect(e.code).toBe('0x0');
    expect(e.message).toBe("There is an unterminated literal at position 21 in 'lastname eq 'O'Bryan''.");
    // A second real capture of the same ODL message (length 20).
    expect(errorOf(() => tokenize("SpatialDim eq 'J'PN'")).message).toBe("There is an unterminated literal at position 20 in 'SpatialDim eq 'J'PN''.");
    expect(errorOf(() => tokenize("name eq 'abc")).message).toBe("There is an unterminated literal at position 12 in 'name eq 'abc'.");
  });

  it('rejects invalid characters and malformed numbers with ODL positions', () => {
    expect(errorOf(() => tokenize('^')).message).toBe("Syntax error: character '^' is not valid at position 0 in '^'.");
    expect(errorOf(() => tokenize('4.a')).message).toBe("A digit was expected at position 2 in '4.a'.");
  });
});

describe('parser precedence', () => {
  it('binds and tighter than or', () => {
    expect(p('a eq 1 or b eq 2 and c eq 3')).toBe('((a eq 1) or ((b eq 2) and (c eq 3)))');
    expect(p('a eq 1 and b eq 2 or c eq 3')).toBe('(((a eq 1) and (b eq 2)) or (c eq 3))');
  });

  it('is left-associative', () => {
    expect(p('a eq 1 or b eq 2 or c eq 3')).toBe('(((a eq 1) or (b eq 2)) or (c eq 3))');
    expect(p('a eq 1 and b eq 2 and c eq 3')).toBe('(((a eq 1) and (b eq 2)) and (c eq 3))');
  });

  it('honours parentheses', () => {
    expect(p('(a eq 1 or b eq 2) and c eq 3')).toBe('(((a eq 1) or (b eq 2)) and (c eq 3))');
    expect(p('((((a eq 1))))')).toBe('(a eq 1)');
  });

  it('binds not to the next primary (ODL), tighter than and/or', () => {
    expect(p('not contains(name,\'x\') and b eq 2')).toBe("((not contains(name,'x')) and (b eq 2))");
    expect(p('not (a eq 1 or b eq 2)')).toBe('(not ((a eq 1) or (b eq 2)))');
    expect(p('not not donotemail')).toBe('(not (not donotemail))');
    expect(p('not donotemail eq true')).toBe('((not donotemail) eq true)');
  });

  it('parses literals, paths and function calls', () => {
    expect(p("primarycontactid/fullname eq 'x'")).toBe("(primarycontactid/fullname eq 'x')");
    expect(p('x eq null or y eq true or z ne false')).toBe('(((x eq null) or (y eq true)) or (z ne false))');
    expect(p("startswith(name, 'Con')")).toBe("startswith(name,'Con')");
    expect(p("Microsoft.Dynamics.CRM.In(PropertyName='statuscode',PropertyValues=['1','2'])")).toBe(
      'Microsoft.Dynamics.CRM.In[PropertyName,PropertyValues]',
    );
    expect(p('Microsoft.Dynamics.CRM.Between(PropertyName=\'numberofemployees\',PropertyValues=["5","2000"])')).toBe(
      'Microsoft.Dynamics.CRM.Between[PropertyName,PropertyValues]',
    );
  });

  it('keeps the doubled quote as one quote in the value', () => {
    const node = parseFilterSyntax("lastname eq 'O''Bryan'");
    expect(node).toMatchObject({ kind: 'binary', right: { kind: 'literal', value: "O'Bryan" } });
  });

  it('treats keywords as case-sensitive', () => {
    expect(errorOf(() => p('a eq 1 AND b eq 2')).message).toBe("Syntax error at position 10 in 'a eq 1 AND b eq 2'.");
  });
});

describe('parameter aliases', () => {
  it('substitutes alias values as literals or property names', () => {
    expect(p('contains(@p1,@p2)', { '@p1': 'name', '@p2': "'Contoso'" })).toBe("contains(name,'Contoso')");
    expect(p('revenue gt @v', { '@v': '5000' })).toBe('(revenue gt 5000)');
  });

  it('reads a missing alias as null, like ODL', () => {
    expect(p('name eq @missing')).toBe('(name eq null)');
  });

  it('rejects aliases where they are not allowed ($expand)', () => {
    expect(errorOf(() => parseFilterSyntax('name eq @p1', {})).message).toBe("Parameter alias '@p1' cannot be used inside $expand.");
  });
});

describe('syntax errors (ODL messages and positions)', () => {
  it.each([
    ['name eq', 'Expression expected at position 7 in \'name eq\'.'],
    [',', "Expression expected at position 0 in ','."],
    ['(', "Expression expected at position 1 in '('."],
    ['(42', "')' or operator expected at position 3 in '(42'."],
    ['((((null)))', "')' or operator expected at position 11 in '((((null)))'."],
    ['func(42', "')' or ',' expected at position 7 in 'func(42'."],
    ['func(42,', "Expression expected at position 8 in 'func(42,'."],
    ['42 42', "Syntax error at position 5 in '42 42'."],
    ['name eq 1)', "Syntax error at position 10 in 'name eq 1)'."],
  ])('%s', (text, message) => {
    const e = errorOf(() => parseFilterSyntax(text));
    expect(e.status).toBe(400);
    expect(e.message).toBe(message);
  });

  it('rejects lambda operators on collection paths clearly', () => {
    expect(errorOf(() => p("contact_customer_accounts/any(c:c/fullname eq 'x')")).message).toMatch(/not supported by the Dataverse emulator/);
  });
});
