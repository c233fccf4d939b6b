import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import type { TestApp } from './test-app';

// The batch pages as a browser posts them (test/e2e/batch-*pages.e2e-spec.ts).
export const PASSWORD = 'correct horse battery staple';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// The intake fields of a batch as the form posts them.
export const FACTS: [string, string][] = [
  ['title', 'Mailer breach'],
  ['nature.description', 'An attacker copied the mailing lists of every customer.'],
  ['nature.types', 'confidentiality'],
  ['discoveredAt', '2025-06-06T11:30'],
];

export type Who = { cookie: string; csrf: string };

// A new user of the organization, signed in: the session cookie and its form token.
export async function signedIn(
  t: TestApp,
  slug: string,
  email: string,
  role: 'processor_staff' | 'org_admin' | 'controller_dpo',
  locale: 'en' | 'de' = 'en',
): Promise<Who> {
  await t.get(IdentityService).createUser({ organizationSlug: slug, email, role, password: PASSWORD, locale }, CLI_ACTOR);
  const res = await t.request('POST', '/login', { rawBody: new URLSearchParams({ email, password: PASSWORD }).toString(), headers: FORM });
  if (res.status !== 303) throw new Error(`sign-in of ${email} answered ${res.status}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const settings = await t.request('GET', '/settings', { headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(settings.text)![1] };
}

export function pages(t: TestApp) {
  return {
    get: (url: string, who: Who) => t.request('GET', url, { headers: { cookie: who.cookie } }),
    post: (url: string, who: Who, fields: [string, string][]) =>
      t.request('POST', url, {
        rawBody: new URLSearchParams([['_csrf', who.csrf], ...fields]).toString(),
        headers: { ...FORM, cookie: who.cookie },
      }),
  };
}
