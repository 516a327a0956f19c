import { errors } from '../errors';

/** Record locator from `(guid)`, `(pk=guid)` or `(key1='v',key2=2)` (specs/dataverse-webapi.md §2.4). */
export type KeySpec = { kind: 'id'; id: string } | { kind: 'key'; values: Record<string, unknown>; raw: string };

export interface ResourcePath {
  entitySet: string;
  key?: KeySpec;
  /** Segments after the record: a property, a navigation property, `$ref`, `$count`, an action name. */
  rest: string[];
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Splits `a='x,y',b=2` on commas outside quotes. */
function splitKeyParts(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      if (quoted && text[i + 1] === "'") {
        current += "''";
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function parseKeyValue(raw: string): unknown {
  const text = raw.trim();
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) return text.slice(1, -1).replace(/''/g, "'");
  if (isGuid(text)) return text.toLowerCase();
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  const n = Number(text);
  if (text !== '' && Number.isFinite(n)) return n;
  throw errors.badRequest(`Bad Request - Error in query syntax: unrecognized key value ${text}`);
}

export function parseKeySpec(inner: string): KeySpec {
  const text = decodeURIComponent(inner).trim();
  if (isGuid(text)) return { kind: 'id', id: text.toLowerCase() };
  const values: Record<string, unknown> = {};
  for (const part of splitKeyParts(text)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw errors.badRequest(`Bad Request - Error in query syntax: invalid key '${text}'`);
    values[part.slice(0, eq).trim()] = parseKeyValue(part.slice(eq + 1));
  }
  return { kind: 'key', values, raw: text };
}

/** Parses the part of a URL after the service root, e.g. `contacts(clar_clarityid='C1')/fullname`. */
export function parseResourcePath(path: string): ResourcePath {
  const clean = path.replace(/^\/+/, '');
  const segments: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of clean) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (ch === '/' && depth === 0 && !quoted) {
      segments.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') segments.push(current);
  const first = segments.shift() ?? '';
  const open = first.indexOf('(');
  if (open < 0) return { entitySet: decodeURIComponent(first), rest: segments.map(decodeURIComponent) };
  if (!first.endsWith(')')) throw errors.badRequest(`Bad Request - Error in query syntax: '${first}'`);
  return {
    entitySet: decodeURIComponent(first.slice(0, open)),
    key: parseKeySpec(first.slice(open + 1, -1)),
    rest: segments.map(decodeURIComponent),
  };
}

/** Strips scheme/host and the `/api/data/vX.Y/` prefix from an absolute or relative entity URL. */
export function entityPathFromUrl(url: string): string {
  const withoutOrigin = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\[Organization U[Rr][Ii]\]/, '');
  return withoutOrigin.replace(/^\/?api\/data\/v\d+(\.\d+)?\//, '').replace(/^\//, '');
}
