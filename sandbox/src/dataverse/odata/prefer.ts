/**
 * The `Prefer` request header (specs/dataverse-webapi.md §1.2): several headers or comma-separated values,
 * `odata.include-annotations` with a quoted comma list and `*` wildcards. Preferences are hints (RFC 7240):
 * unknown or malformed ones are ignored rather than rejected.
 */
export interface Prefer {
  /** `return=representation` (false for `return=minimal` or absent). */
  readonly returnRepresentation: boolean;
  /** `odata.maxpagesize=N`, capped at 5000 (§1.5). */
  readonly maxPageSize?: number;
  /** `odata.include-annotations` patterns as sent, e.g. `["OData.Community.Display.V1.*"]`. */
  readonly includeAnnotations?: readonly string[];
  readonly trackChanges: boolean;
  readonly continueOnError: boolean;
}

export const MAX_PAGE_SIZE = 5000;

/** Splits on `,` outside double quotes. */
function splitPreferences(value: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

export function parsePrefer(headers: string | readonly string[] | undefined): Prefer {
  let returnRepresentation = false;
  let maxPageSize: number | undefined;
  let includeAnnotations: string[] | undefined;
  let trackChanges = false;
  let continueOnError = false;
  const values = headers === undefined ? [] : typeof headers === 'string' ? [headers] : headers;
  for (const preference of values.flatMap(splitPreferences)) {
    // Parameters after `;` carry nothing Dataverse uses.
    const [head = ''] = preference.split(';');
    const eq = head.indexOf('=');
    const name = (eq < 0 ? head : head.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : unquote(head.slice(eq + 1));
    switch (name) {
      case 'return':
        returnRepresentation = value === 'representation';
        break;
      case 'odata.maxpagesize': {
        const n = Number(value);
        if (/^\d+$/.test(value) && n > 0) maxPageSize = Math.min(n, MAX_PAGE_SIZE);
        break;
      }
      case 'odata.include-annotations':
        includeAnnotations = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
        break;
      case 'odata.track-changes':
        trackChanges = true;
        break;
      case 'odata.continue-on-error':
        continueOnError = value === '' || value === 'true';
        break;
    }
  }
  return {
    returnRepresentation,
    ...(maxPageSize !== undefined ? { maxPageSize } : {}),
    ...(includeAnnotations ? { includeAnnotations } : {}),
    trackChanges,
    continueOnError,
  };
}

function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/**
 * Whether an annotation term (`OData.Community.Display.V1.FormattedValue`) was asked for. Supports `*`,
 * prefix wildcards (`OData.Community.Display.V1.*`, `Microsoft.PowerApps.CDS.ErrorDetails*`) and OData's
 * `-term` exclusions, which win over inclusions.
 */
export function annotationWanted(prefer: Pick<Prefer, 'includeAnnotations'>, annotationName: string): boolean {
  const patterns = prefer.includeAnnotations ?? [];
  if (patterns.some((p) => p.startsWith('-') && matches(p.slice(1), annotationName))) return false;
  return patterns.some((p) => !p.startsWith('-') && matches(p, annotationName));
}

/** Which preferences the handler honoured; only those are echoed. */
export interface AppliedPreferences {
  readonly returnRepresentation?: boolean;
  readonly maxPageSize?: boolean;
  readonly includeAnnotations?: boolean;
  readonly trackChanges?: boolean;
  readonly continueOnError?: boolean;
}

/**
 * The `Preference-Applied` header value (§1.2), e.g. `odata.include-annotations="OData.Community.Display.V1.FormattedValue"`;
 * empty string when nothing was applied (omit the header then).
 */
export function preferenceApplied(prefer: Prefer, applied: AppliedPreferences): string {
  const out: string[] = [];
  if (applied.returnRepresentation && prefer.returnRepresentation) out.push('return=representation');
  if (applied.maxPageSize && prefer.maxPageSize !== undefined) out.push(`odata.maxpagesize=${prefer.maxPageSize}`);
  if (applied.includeAnnotations && prefer.includeAnnotations)
    out.push(`odata.include-annotations="${prefer.includeAnnotations.join(',')}"`);
  if (applied.trackChanges && prefer.trackChanges) out.push('odata.track-changes');
  if (applied.continueOnError && prefer.continueOnError) out.push('odata.continue-on-error');
  return out.join(',');
}
