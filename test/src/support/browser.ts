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

/**
 * Why a browser test cannot run here (no Chromium, or `extra`'s reason, e.g. a build output missing), or null.
 */
export function browserTestBlocker(extra: () => string | null = () => null): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (Debian package chromium; browser tests do not download one)`;
  return extra();
}

/**
 * `describe` that runs only where the browser test can: elsewhere it is skipped with the reason logged, but under
 * CI=true a blocker is a failing test (CI installs Chromium and builds first, so green means the tests ran).
 */
export function describeWithBrowser(name: string, body: () => void, extraBlocker?: () => string | null): void {
  const blocker = browserTestBlocker(extraBlocker);
  if (!blocker) return describe(name, body);
  if (process.env.CI) {
    describe(name, () => {
      it('can run (CI provides Chromium and the builds)', () => {
        throw new Error(blocker);
      });
    });
    return;
  }
  console.warn(`${name}: skipped: ${blocker}`);
  describe.skip(name, body);
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

/** A file under test-artifacts/ (folders created), e.g. `artifactPath('preview', '01-index.png')`. */
export function artifactPath(...parts: string[]): string {
  const file = path.join(ARTIFACTS_DIR, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
