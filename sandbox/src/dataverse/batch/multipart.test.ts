import { boundaryOf, splitMultipart, type FramingState } from './multipart';
import { referencesIn, resolveBody, resolveTarget, toPath } from './references';

const ROOT = 'http://127.0.0.1:5555/api/data/v9.2/';

describe('boundaryOf', () => {
  it.each([
    ['multipart/mixed; boundary="batch_80dd1615-2a10-428a-bb6f-0e559792721f"', 'batch_80dd1615-2a10-428a-bb6f-0e559792721f'],
    ['multipart/mixed;boundary=batch_AAA123', 'batch_AAA123'],
    ['  multipart/mixed;   boundary=batch_AAA123  ', 'batch_AAA123'],
    ['Multipart/Mixed; charset=utf-8; boundary="a b=c"', 'a b=c'],
  ])('%s', (contentType, boundary) => {
    expect(boundaryOf(contentType)).toBe(boundary);
  });

  it.each(['multipart/mixed; boundary=a; boundary=b', 'multipart/mixed; boundary="' + 'x'.repeat(71) + '"', 'multipart/mixed; boundary="ends with space "'])(
    'rejects %s',
    (contentType) => {
      expect(() => boundaryOf(contentType)).toThrow();
    },
  );
});

describe('splitMultipart', () => {
  it('ignores preamble, epilogue and lines that only start with the boundary', () => {
    const state: FramingState = { bareLf: false };
    const text = 'preamble\r\n--b\r\nContent-Type: a\r\n\r\nbody\r\n--bb not ours\r\n--b\r\nX: 1\r\n\r\n\r\n--b--\r\nepilogue';
    expect(splitMultipart(text, 'b', state)).toEqual([
      { headers: { 'content-type': 'a' }, body: 'body\r\n--bb not ours' },
      { headers: { x: '1' }, body: '' },
    ]);
    expect(state.bareLf).toBe(false);
  });

  it('flags bare LF in delimiter and header lines but not in bodies', () => {
    const inBody: FramingState = { bareLf: false };
    splitMultipart('--b\r\nX: 1\r\n\r\n{\n}\r\n--b--', 'b', inBody);
    expect(inBody.bareLf).toBe(false);
    const inHeader: FramingState = { bareLf: false };
    splitMultipart('--b\r\nX: 1\n\r\n\r\n--b--', 'b', inHeader);
    expect(inHeader.bareLf).toBe(true);
    const inDelimiter: FramingState = { bareLf: false };
    splitMultipart('--b\nX: 1\r\n\r\n\r\n--b--', 'b', inDelimiter);
    expect(inDelimiter.bareLf).toBe(true);
  });
});

describe('references', () => {
  const urls = new Map([
    ['1', `${ROOT}contacts(c1)`],
    ['2', `${ROOT}accounts(a2)`],
  ]);

  it('finds references in URLs, single and collection binds and @odata.id, but not $metadata-like resources', () => {
    expect(referencesIn('$1/lastname', '{"a@odata.bind":"$2","b@odata.bind":["$1","accounts(x)"],"n":{"@odata.id":"$2"},"plain":"$3"}')).toEqual([
      '1', '2', '1', '2',
    ]);
    expect(referencesIn('$metadata', undefined)).toEqual([]);
    expect(referencesIn('$batch', 'not json $1')).toEqual([]);
  });

  it('resolves them to the row URI, keeping what follows the reference', () => {
    expect(resolveTarget('$1/lastname?x=1', urls, ROOT)).toBe('/api/data/v9.2/contacts(c1)/lastname?x=1');
    expect(JSON.parse(resolveBody('{"b@odata.bind":["$1","$2"],"deep":[{"@odata.id":"$2"}]}', urls)!)).toEqual({
      'b@odata.bind': [`${ROOT}contacts(c1)`, `${ROOT}accounts(a2)`],
      deep: [{ '@odata.id': `${ROOT}accounts(a2)` }],
    });
    const untouched = '{ "name" : "no refs $ here" }';
    expect(resolveBody(untouched, urls)).toBe(untouched);
  });

  it('makes every URL form a host-relative path', () => {
    expect(toPath('https://org.crm.dynamics.com/api/data/v9.2/tasks?$top=1', ROOT)).toBe('/api/data/v9.2/tasks?$top=1');
    expect(toPath('tasks', ROOT)).toBe('/api/data/v9.2/tasks');
    expect(toPath('/api/data/v9.2/tasks', ROOT)).toBe('/api/data/v9.2/tasks');
  });
});
