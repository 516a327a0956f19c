/** Timestamps as the Clarity spec (§4.1) and the Dataverse store want them: UTC, seconds, `Z`. */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export function parseIso(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO timestamp: ${iso}`);
  return ms;
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * `2026-11-01T12:00:00Z`, milliseconds dropped so values survive a JSON round trip unchanged.
 * Integer civil-from-days arithmetic (H. Hinnant) instead of `new Date().toISOString()`: the generator
 * formats millions of timestamps for a 100,000-customer data set and this is several times faster.
 */
export function iso(ms: number): string {
  const secs = Math.floor(ms / 1000);
  const days = Math.floor(secs / 86_400);
  let rem = secs - days * 86_400;
  const hh = Math.floor(rem / 3600);
  rem -= hh * 3600;
  const mi = Math.floor(rem / 60);
  const ss = rem - mi * 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mi)}:${p2(ss)}Z`;
}
