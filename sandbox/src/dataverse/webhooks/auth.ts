/**
 * How a webhook's `authtype`/`authvalue` become URL parameters or headers (specs/dataverse-webapi.md §6.2):
 * 4 WebhookKey → `?code=<authvalue>`; 5 HttpHeader → configured headers (names sent lower case);
 * 6 HttpQueryString → configured pairs on the query string. The Plug-in Registration Tool stores pairs as
 * `<settings><setting name="X-Key" value="…" /></settings>`; a plain `Key: Value` list (one per line) is accepted too.
 */

export type AuthResult =
  | { readonly ok: true; readonly url: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly reason: string };

export interface Pair {
  readonly name: string;
  readonly value: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? _;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
}

/** Parses either settings form; returns undefined when the text is neither (fail loudly upstream). */
export function parseAuthPairs(authvalue: string): Pair[] | undefined {
  const text = authvalue.trim();
  if (text.startsWith('<')) {
    if (!/^<settings\b[\s\S]*<\/settings>$|^<settings\s*\/>$/i.test(text)) return undefined;
    const pairs: Pair[] = [];
    for (const tag of text.match(/<setting\b[^>]*>/gi) ?? []) {
      const name = attribute(tag, 'name');
      if (!name) return undefined;
      pairs.push({ name, value: attribute(tag, 'value') ?? '' });
    }
    return pairs;
  }
  const pairs: Pair[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    pairs.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return pairs;
}

/** Applies the endpoint's authentication to its URL. `authvalue` never appears in `reason` (it is a secret). */
export function applyAuth(url: string, authtype: number | null | undefined, authvalue: string | null | undefined): AuthResult {
  const target = new URL(url);
  const headers: Record<string, string> = {};
  const value = authvalue ?? '';
  switch (authtype) {
    case 4:
      target.searchParams.set('code', value);
      break;
    case 5:
    case 6: {
      const pairs = parseAuthPairs(value);
      if (!pairs || pairs.length === 0) return { ok: false, reason: `authvalue is not a <settings> list or "Key: Value" lines (authtype ${authtype})` };
      for (const pair of pairs) {
        if (authtype === 5) headers[pair.name.toLowerCase()] = pair.value;
        else target.searchParams.append(pair.name, pair.value);
      }
      break;
    }
    default:
      return { ok: false, reason: `authtype ${String(authtype)} is not a webhook authentication type (4, 5 or 6)` };
  }
  return { ok: true, url: target.toString(), headers };
}

/**
 * Registration rule: only ports 80 (http) and 443 (https) (register-web-hook, §6.1). The sandbox passes
 * `allowAnyPort` so receivers can listen on port 0; the routes may call this when a serviceendpoint is written.
 */
export function checkWebhookUrl(url: string, allowAnyPort: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not an absolute URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `scheme ${parsed.protocol} is not http or https`;
  if (allowAnyPort || parsed.port === '' || parsed.port === '80' || parsed.port === '443') return undefined;
  return `port ${parsed.port} is not allowed; webhooks may only use ports 80 and 443`;
}
