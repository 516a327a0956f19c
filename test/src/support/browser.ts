/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (never a browser
 * download). Outside CI a machine without it skips the browser tests with a message; under CI=true its absence
 * is a failure, so a green CI run always means the browser tests ran.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The project's standard flags (preamble): no sandbox (root in a container), no GPU, nothing phoning home. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots and other evidence a browser test leaves (gitignored). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '../../../test-artifacts');

/** Why the browser tests cannot run here, or undefined. Throws under CI=true instead of skipping. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.CI === 'true') throw new Error(`browser tests need Chromium at ${CHROMIUM_PATH} on CI (Debian package chromium)`);
  return `skipped: no Chromium at ${CHROMIUM_PATH} (Debian package chromium); browser tests do not download one`;
}

/** `describe` that runs only where Chromium is installed, logging why it skipped otherwise. */
export function describeWithBrowser(name: string, body: () => void): void {
  const reason = browserSkipReason();
  if (reason) {
    describe.skip(name, body);
    console.warn(`${name}: ${reason}`);
  } else describe(name, body);
}

/**
 * Launches Chromium with the standard flags plus `extraFlags` (e.g. `--ignore-certificate-errors` for a test
 * that talks to the emulators' self-signed loopback HTTPS, which MSAL.js requires).
 */
export function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, ...extraFlags] });
}

/**
 * Chromium with an ordinary (not incognito) profile in a temporary folder: Playwright's `newContext()` is an
 * incognito-like profile, where Chromium blocks third-party cookies by default. A test of something that needs
 * them, such as MSAL's silent sign-in in a hidden cross-site iframe, uses this instead.
 */
export async function launchChromiumProfile(extraFlags: string[] = []): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  // Chrome's desktop default ("allow third-party cookies"); Chromium builds may ship another default.
  mkdirSync(path.join(dir, 'Default'));
  writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, ...extraFlags] });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function artifactPath(file: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, file);
}
