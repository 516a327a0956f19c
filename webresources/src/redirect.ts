/**
 * The page MSAL.js returns to after sign-in (web resource `clar_/auth/redirect.html`, the redirect URI to
 * register): MSAL Browser v5's redirect bridge hands the authorization response in the URL to the window
 * that started the sign-in (hidden iframe or pop-up) over a BroadcastChannel, then the pop-up closes.
 * It must not be served with a Cross-Origin-Opener-Policy header (MSAL "redirect bridge" docs).
 */
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch((err: unknown) => {
  console.error('Clarity sign-in: the sign-in response could not be handed back', err);
});
