import * as fs from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';

// Debian's Chromium, never a downloaded browser (.ci/run installs the package when it is missing).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

// axe-core (Deque's accessibility engine) checks each page against WCAG 2.1 A and AA: labels, names,
// contrast, landmarks, lang. Its source is evaluated in the page; the context bypasses the pages' CSP
// for that alone.
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  help: string;
  targets: string[];
}

export async function violations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => String(n.target)) })))`)) as Violation[];
  return found;
}
