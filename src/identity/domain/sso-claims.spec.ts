import { readSsoClaims } from './sso-claims';

const names = { orgClaim: 'breachclock_org', roleClaim: 'breachclock_role' };
const good = { sub: '1', email: ' Ada@Example.ORG ', email_verified: true, breachclock_org: 'acme', breachclock_role: 'controller_dpo' };

describe('reading the provider claims', () => {
  it('takes the address (lower case), the organization slug and the role', () => {
    expect(readSsoClaims(good, names)).toEqual({
      ok: true,
      identity: { email: 'ada@example.org', organizationSlug: 'acme', role: 'controller_dpo' },
    });
  });

  it('takes a list of one value as that value, and the claims named in the configuration', () => {
    expect(readSsoClaims({ email: 'a@b.example', org: ['ACME'], roles: ['org_admin'] }, { orgClaim: 'org', roleClaim: 'roles' })).toEqual({
      ok: true,
      identity: { email: 'a@b.example', organizationSlug: 'acme', role: 'org_admin' },
    });
  });

  it.each([
    [{ email: undefined }, 'no_email'],
    [{ email: 'not an address' }, 'no_email'],
    [{ email: ['a@b.example', 'c@d.example'] }, 'no_email'],
    [{ email_verified: false }, 'email_unverified'],
    [{ email_verified: 'false' }, 'email_unverified'],
    [{ breachclock_org: undefined }, 'unknown_organization'],
    [{ breachclock_org: 'a b' }, 'unknown_organization'],
    [{ breachclock_org: ['a', 'b'] }, 'unknown_organization'],
    [{ breachclock_role: 'admin' }, 'unknown_role'],
    [{ breachclock_role: 42 }, 'unknown_role'],
  ])('refuses %j: %s', (change, refusal) => {
    expect(readSsoClaims({ ...good, ...change }, names)).toEqual({ ok: false, refusal });
  });
});
