import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine needs: headless, as root, and no background calls to Google on a closed network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where browser tests leave their screenshots (gitignored; CI keeps the folder as artifacts). */
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');

export function artifactPath(...parts: string[]): string {
  const file = path.join(ARTIFACTS, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/**
 * Why a browser test cannot run here, or null. Under CI a missing browser or build is a failure (the CI script
 * installs Chromium and builds first); elsewhere the test is skipped with this reason.
 */
export function browserTestBlocker(extra: () => string | null = () => null): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  return extra();
}

export function describeWithBrowser(name: string, blocker: string | null, body: () => void): void {
  if (blocker && !process.env.CI) {
    describe.skip(`${name} (skipped: ${blocker})`, body);
    return;
  }
  describe(name, () => {
    if (blocker) it('can run (CI requires Chromium and the builds)', () => {
      throw new Error(blocker);
    });
    else body();
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
