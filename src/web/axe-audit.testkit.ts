/**
 * Test support: runs axe-core in a page opened by playwright-core, in light and dark and at a phone
 * and a desktop width, and returns every violation as one line. Never imported by the app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The layouts the page must pass in: both colour schemes, at 360 px and 1280 px wide. */
export const auditLayouts = [
  { colorScheme: 'light', width: 360 },
  { colorScheme: 'dark', width: 360 },
  { colorScheme: 'light', width: 1280 },
  { colorScheme: 'dark', width: 1280 },
] as const;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/**
 * axe's violations for the page as it is now, in every audit layout: `dark 360px: color-contrast
 * (serious) ...`. The page's context must bypass its CSP (`bypassCSP: true`): axe is injected as
 * an inline script.
 */
export async function auditAccessibility(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const problems: string[] = [];
  for (const { colorScheme, width } of auditLayouts) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width, height: 900 });
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run(),
    )) as AxeResult;
    for (const violation of result.violations) {
      const where = violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ');
      problems.push(
        `${colorScheme} ${width}px: ${violation.id} (${violation.impact}) ${violation.help}: ${where}`,
      );
    }
  }
  return problems;
}
