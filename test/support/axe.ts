import * as fs from 'node:fs';
import type { Page } from 'playwright-core';

// axe-core (Deque's accessibility engine) checks each page against WCAG 2.1 A and AA: labels, names,
// contrast, landmarks, lang. Its source is evaluated in the page; the context bypasses the pages' CSP
// for that alone (browser.newContext({ bypassCSP: true })).
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
