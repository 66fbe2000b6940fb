/**
 * Test support: the system Chromium (Debian's package) driven by playwright-core, launched the
 * same way by the browser test and the page benchmark. Never imported by the app.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const chromiumPath = '/usr/bin/chromium';

/** Why the browser cannot run here, or null when it can. */
export function explainMissingChromium(): string | null {
  return existsSync(chromiumPath) ? null : `${chromiumPath} is missing (apt-get install -y chromium)`;
}

/** Launches headless Chromium with no sandbox (we run as root in CI) and no background traffic. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
