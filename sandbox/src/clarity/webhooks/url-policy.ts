/**
 * Webhook target rules. The real service (spec §4.7 "Security") accepts only `https://` on port
 * 443 and refuses private and loopback ranges (SSRF). DEVIATION: the sandbox defaults
 * `allowInsecureWebhookUrls` to true so the local proxy can receive on `http://127.0.0.1:<port>`;
 * with it false the emulator applies the real rules to literal hosts (it does not resolve DNS).
 */
import net from 'node:net';

function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (net.isIPv6(h)) return h === '::1' || h === '::' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h.startsWith('::ffff:');
  return false;
}

/** Returns why the URL is refused, or undefined when it is acceptable. */
export function webhookUrlProblem(raw: string, allowInsecure: boolean): string | undefined {
  let u: URL;
  try { u = new URL(raw); } catch { return 'Not a valid absolute URL.'; }
  if (u.username || u.password) return 'Credentials in the URL are not allowed.';
  if (allowInsecure) return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'Only http(s) URLs are allowed.';
  if (u.protocol !== 'https:') return 'Only https:// URLs are allowed.';
  if (u.port && u.port !== '443') return 'Only port 443 is allowed.';
  if (isPrivateHost(u.hostname)) return 'Private, link-local and loopback hosts are refused.';
  return undefined;
}
