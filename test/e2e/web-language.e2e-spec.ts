import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// The pages' language for a user who has not chosen one: the browser's (Accept-Language), else the
// organization's; a chosen language wins over the browser.
describe('web pages: the language of a user who has not chosen one', () => {
  let t: TestApp;
  let tenant: Tenant;
  let slug: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    slug = `lang-${tenant.controllerSlug}`;
    await t
      .get(IdentityService)
      .createOrganization({ slug, name: 'Lang GmbH', kind: 'controller', country: 'DE', region: 'DE-BE', locale: 'en' }, CLI_ACTOR);
  });
  afterAll(() => t.close());

  async function userSignedIn(name: string, locale?: 'de' | 'en'): Promise<string> {
    const email = `${name}@${slug}.example`;
    const identity = t.get(IdentityService);
    await identity.createUser({ organizationSlug: slug, email, role: 'controller_dpo', password: PASSWORD, locale }, CLI_ACTOR);
    const res = await t.request('POST', '/login', {
      rawBody: new URLSearchParams({ email, password: PASSWORD }).toString(),
      headers: FORM,
    });
    expect(res.status).toBe(303);
    return String(res.headers['set-cookie']).split(';')[0];
  }
  const board = (cookie: string, acceptLanguage?: string) =>
    t.request('GET', '/', { headers: { cookie, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) } });

  it("shows the board in the browser's language, else in the organization's", async () => {
    const cookie = await userSignedIn('follows');
    const german = await board(cookie, 'fr-CH, de;q=0.8, en;q=0.5');
    expect(german.status).toBe(200);
    expect(german.text).toContain('<html lang="de">');
    expect(german.text).toContain('Offene Fristen');
    const french = await board(cookie, 'fr-FR, fr;q=0.9');
    expect(french.text).toContain('<html lang="en">');
    expect(french.text).toContain('Open clocks');
    expect((await board(cookie)).text).toContain('<html lang="en">');
  });

  it('keeps a chosen language whatever the browser asks for', async () => {
    const cookie = await userSignedIn('chose', 'en');
    const res = await board(cookie, 'de-DE,de;q=0.9');
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Open clocks');
  });
});
