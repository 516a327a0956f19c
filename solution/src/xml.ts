import { createHash } from 'node:crypto';

/** Escapes text for XML content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * A GUID derived from a name (UUID v5 layout over SHA-1), lower case without braces. Components need stable ids
 * so that re-importing the solution updates them instead of creating duplicates, and so the zip is reproducible.
 */
export function stableGuid(name: string): string {
  const h = createHash('sha1').update(`ClarityConnect:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** One `<label description languagecode/>` list, the localisation shape used throughout customizations.xml. */
export const label = (tag: string, text: string): string => `<${tag} description="${esc(text)}" languagecode="1033" />`;
