import { GUID_RE } from './properties';
import { queryErrors } from './query-errors';

/**
 * The paging cookie of specs/dataverse-webapi.md §1.5, exactly as the real service shapes it:
 * `<cookie pagenumber="2" pagingcookie="%3ccookie%20page%3d%221%22%3e%3ccontactid%20last%3d%22%7bGUID%7d%22%20first%3d%22%7bGUID%7d%22%20%2f%3e%3c%2fcookie%3e" istracking="False" />`
 * The inner cookie is percent-encoded (lower-case hex) inside the token, and the whole token is encoded
 * again in the nextLink, hence "encoded twice". GUIDs are upper-case in braces. Clients must treat it as
 * opaque; the emulator only needs the page number and the last/first primary keys of the previous page.
 */
export interface SkipToken {
  /** `pagenumber`: the page this token asks for (2 for the first nextLink). The inner `page` is one less. */
  readonly page: number;
  /** Primary key of the last row of the previous page (lower-case GUID). */
  readonly lastId: string;
  /** Primary key of the first row of the previous page (lower-case GUID). */
  readonly firstId: string;
  /** Primary id column that names the inner element, e.g. `contactid`. */
  readonly primaryId: string;
}

/** Percent-encodes everything but letters, digits and `-_.`, with lower-case hex like the service's cookie. */
function encodeLower(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.]/.test(ch) ? ch : `%${b.toString(16).padStart(2, '0')}`;
  }).join('');
}

export function encodeSkipToken(token: SkipToken): string {
  const guid = (id: string) => `{${id.toUpperCase()}}`;
  const inner = `<cookie page="${token.page - 1}"><${token.primaryId} last="${guid(token.lastId)}" first="${guid(token.firstId)}" /></cookie>`;
  return `<cookie pagenumber="${token.page}" pagingcookie="${encodeLower(inner)}" istracking="False" />`;
}

const OUTER = /^<cookie pagenumber="(\d+)" pagingcookie="([^"]*)" istracking="(?:True|False)" \/>$/;
const INNER = /^<cookie page="(\d+)"><([A-Za-z0-9_]+) last="([^"]+)" first="([^"]+)" \/><\/cookie>$/;

/** Decodes a `$skiptoken` value (already URL-decoded once, as query parsers deliver it); 400 if malformed. */
export function decodeSkipToken(token: string): SkipToken {
  const outer = OUTER.exec(token.trim());
  let inner: RegExpExecArray | null = null;
  try {
    inner = outer ? INNER.exec(decodeURIComponent(outer[2] as string)) : null;
  } catch {
    inner = null;
  }
  const last = inner ? GUID_RE.exec(inner[3] as string) : null;
  const first = inner ? GUID_RE.exec(inner[4] as string) : null;
  if (!outer || !inner || !last || !first) throw queryErrors.invalidSkipToken(token);
  return {
    page: Number(outer[1]),
    lastId: (last[1] as string).toLowerCase(),
    firstId: (first[1] as string).toLowerCase(),
    primaryId: inner[2] as string,
  };
}

/** URL form of the token as in the documented nextLink: `=` and `/` stay literal, the rest is escaped. */
function encodeForQuery(value: string): string {
  return encodeURIComponent(value).replace(/%3D/g, '=').replace(/%2F/g, '/');
}

/** Query-string component encoding that keeps OData punctuation readable (`$`, `,`, `(`, `)`, `'`, `/`, `@`, `:`). */
function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/%(24|2C|2F|3A|40|3B)/g, (m) => decodeURIComponent(m));
}

export type OriginalQuery = string | URLSearchParams | Readonly<Record<string, string>>;

/** The original query's parameters as raw `name=value` parts, without `$skiptoken`/`$deltatoken`. */
function queryParts(query: OriginalQuery, drop: ReadonlySet<string>): string[] {
  if (typeof query === 'string') {
    const raw = query.startsWith('?') ? query.slice(1) : query;
    return raw.split('&').filter((part) => {
      if (part === '') return false;
      const name = part.split('=', 1)[0] as string;
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        /* keep undecodable names as they are */
      }
      return !drop.has(decoded);
    });
  }
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  return entries.filter(([k]) => !drop.has(k)).map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`);
}

function link(baseUrl: string, path: string, parts: string[]): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}?${parts.join('&')}`;
}

const PAGING = new Set(['$skiptoken']);
const DELTA = new Set(['$skiptoken', '$deltatoken']);

/**
 * `@odata.nextLink`: the original query repeated (a raw query string is kept verbatim) plus `$skiptoken`
 * (§1.5). `token` is the output of `encodeSkipToken`.
 */
export function nextLink(baseUrl: string, path: string, originalQuery: OriginalQuery, token: string): string {
  return link(baseUrl, path, [...queryParts(originalQuery, PAGING), `$skiptoken=${encodeForQuery(token)}`]);
}

/**
 * `@odata.deltaLink` (§8): the original query plus `$deltatoken`, encoded with lower-case hex like the
 * documented `$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44`.
 */
export function deltaLink(baseUrl: string, path: string, originalQuery: OriginalQuery, deltaToken: string): string {
  return link(baseUrl, path, [...queryParts(originalQuery, DELTA), `$deltatoken=${encodeLower(deltaToken)}`]);
}
