import { parseMediaType, readHead, splitMultipart } from '../multipart';

/**
 * Shape of a multipart batch response, for comparing ours with the documented one: nesting, boundary
 * prefixes, statuses, Content-IDs, header names as written (case and order kept) and bodies.
 */

export type ShapeNode =
  | { kind: 'operation'; status: number; statusText: string; contentId?: string; headerNames: string[]; body: string }
  | { kind: 'changeset'; boundaryPrefix: string; parts: ShapeNode[] };

export interface Shape {
  boundaryPrefix: string;
  items: ShapeNode[];
}

/** `batchresponse_5bd8…` → `batchresponse_`; fails the comparison if the suffix is not a GUID. */
export function boundaryPrefix(boundary: string): string {
  const m = /^([a-z]+_)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(boundary);
  return m ? m[1]! : `not-a-guid-boundary:${boundary}`;
}

/** The boundary from the Content-Type, or (documented responses omit the header) from the first delimiter. */
export function shapeOf(body: string, contentType?: string): Shape {
  const boundary = contentType
    ? (parseMediaType(contentType).params['boundary'] ?? '')
    : (/^--(\S+)\r?$/m.exec(body)?.[1] ?? '');
  return { boundaryPrefix: boundaryPrefix(boundary), items: nodes(body, boundary) };
}

function nodes(body: string, boundary: string): ShapeNode[] {
  return splitMultipart(body, boundary, { bareLf: false }).map((part): ShapeNode => {
    const media = parseMediaType(part.headers['content-type'] ?? '');
    if (media.type === 'multipart/mixed') {
      const inner = media.params['boundary'] ?? '';
      return { kind: 'changeset', boundaryPrefix: boundaryPrefix(inner), parts: nodes(part.body, inner) };
    }
    const head = readHead(part.body, { bareLf: false });
    const [statusLine = '', ...lines] = head.lines;
    const [, status = '0', statusText = ''] = /^HTTP\/1\.1 (\d+) (.*)$/.exec(statusLine) ?? [];
    const contentId = part.headers['content-id'];
    return {
      kind: 'operation',
      status: Number(status),
      statusText,
      ...(contentId !== undefined ? { contentId } : {}),
      headerNames: lines.map((line) => line.slice(0, line.indexOf(':'))),
      body: head.body,
    };
  });
}

/** GUIDs → `<g1>`, `<g2>` by first appearance (so equal ids stay equal), etag numbers → `N`. */
export function normaliseIds(text: string): string {
  const seen = new Map<string, string>();
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (g) => {
      if (!seen.has(g)) seen.set(g, `<g${seen.size + 1}>`);
      return seen.get(g)!;
    })
    .replace(/W\/\\"\d+\\"/g, 'W/\\"N\\"');
}
