import type { ApiToken } from '../../identity/api-token.entity';
import type { User } from '../../identity/user.entity';
import { organizationInput } from './admin-organization.view-model';
import { webhookInput } from './admin-webhooks.view-model';
import { ADMIN_SECTIONS, adminNav, mayOpen } from './admin-sections';
import { adminTokensModel, tokenInput } from './admin-tokens.view-model';
import { adminUsersModel, inviteBody, inviteInput, userChange } from './admin-users.view-model';

const user = (over: Partial<User>): User =>
  ({
    id: 'u1',
    email: 'a@x.example',
    role: 'controller_dpo',
    active: true,
    passwordHash: 'h',
    createdAt: new Date('2025-06-06T10:00:00Z'),
    ...over,
  }) as User;

describe('the admin navigation', () => {
  it('is built from the list of sections, each for the roles it names', () => {
    expect(ADMIN_SECTIONS.map((s) => s.path)).toEqual([
      '/admin/organization',
      '/admin/users',
      '/admin/contracts',
      '/admin/tokens',
      '/admin/webhooks',
      '/admin/offboarding',
    ]);
    expect(mayOpen('controller_dpo', '/admin/contracts')).toBe(true);
    expect(mayOpen('processor_staff', '/admin/contracts')).toBe(false);
    expect(mayOpen('org_admin', '/admin/users')).toBe(true);
    expect(mayOpen('org_admin', '/admin/offboarding')).toBe(true);
    expect(mayOpen('controller_dpo', '/admin/offboarding')).toBe(false);
    expect(mayOpen('controller_dpo', '/admin/users')).toBe(false);
    expect(mayOpen('processor_staff', '/admin/tokens')).toBe(true);
    expect(mayOpen('controller_dpo', '/admin/webhooks')).toBe(false);
    expect(mayOpen('org_admin', '/admin/webhooks')).toBe(true);
    const words = {
      adminContracts: 'Contracts',
      adminContractsHelp: 'c',
      adminTokens: 'API tokens',
      adminTokensHelp: 'h',
      adminOrganization: 'Organization',
      adminOrganizationHelp: 'o',
    };
    expect(adminNav('controller_dpo', words, '/admin/tokens')).toEqual([
      { href: '/admin/organization', label: 'Organization', help: 'o', current: false },
      { href: '/admin/contracts', label: 'Contracts', help: 'c', current: false },
      { href: '/admin/tokens', label: 'API tokens', help: 'h', current: true },
    ]);
  });
});

describe('the users page', () => {
  it('reads the forms into the API bodies', () => {
    expect(inviteBody(inviteInput({ email: ' b@x.example ', role: 'org_admin', locale: '' }))).toEqual({
      email: 'b@x.example',
      role: 'org_admin',
    });
    expect(inviteBody(inviteInput({ email: 'b@x.example', role: 'org_admin', locale: 'de' })).locale).toBe('de');
    expect(userChange({ active: 'false', role: 'org_admin' })).toEqual({ active: false });
    expect(userChange({ active: 'true' })).toEqual({ active: true });
    expect(userChange({ role: 'org_admin' })).toEqual({ role: 'org_admin' });
  });

  it("says each user's status in words and places errors at the invitation fields", () => {
    const model = adminUsersModel(
      'de',
      { userId: 'u1', timeZone: 'Europe/Berlin' },
      [user({}), user({ id: 'u2', passwordHash: null }), user({ id: 'u3', active: false })],
      { email: 'x', role: 'org_admin', locale: '' },
      [{ path: 'email', message: 'must be an email' }],
      null,
    );
    expect(model.users.map((u) => [u.state, u.self])).toEqual([
      ['aktiv', true],
      ['eingeladen, noch kein Passwort', false],
      ['deaktiviert', false],
    ]);
    expect(model.e.email).toBe('must be an email');
    expect(model.errors).toEqual([{ href: '#email', label: 'E-Mail-Adresse', message: 'must be an email' }]);
    expect(model.roles.find((r) => r.selected)?.value).toBe('org_admin');
  });
});

describe('the tokens page', () => {
  it("leaves empty fields out of the API body and shows each token's status, expiry and last use", () => {
    expect(tokenInput({ name: ' ', expiresIn: '90d' }).input).toEqual({ expiresIn: '90d' });
    const now = new Date('2025-06-10T10:00:00Z');
    const token = (over: Partial<ApiToken>) =>
      ({
        id: 't',
        name: 'n',
        createdAt: now,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
        user: { email: 'a@x.example' },
        ...over,
      }) as ApiToken;
    const model = adminTokensModel(
      'en',
      { role: 'org_admin', timeZone: 'UTC' },
      [token({}), token({ revokedAt: now }), token({ expiresAt: now })],
      now,
      { name: '', expiresIn: '' },
      [],
      null,
      null,
    );
    expect(model.tokens.map((t) => [t.status, t.active, t.expiresAt, t.lastUsedAt])).toEqual([
      ['active', true, 'never', 'never'],
      ['revoked', false, 'never', 'never'],
      ['expired', false, model.tokens[0].createdAt, 'never'],
    ]);
    expect(model.showUser).toBe(true);
  });
});

describe('the organization and webhooks pages', () => {
  it('read the forms into the API bodies: empty optional fields are none, unticked boxes false', () => {
    expect(
      organizationInput({
        name: ' A ',
        country: 'de',
        region: '',
        sector: 'public',
        publicLevel: 'state',
        nis2: 'none',
        telecom: 'true',
        dpoEmail: '',
      }).input,
    ).toEqual({
      name: 'A',
      address: null,
      country: 'DE',
      region: null,
      sector: 'public',
      publicLevel: 'state',
      nis2: 'none',
      dora: false,
      telecom: true,
      postal: false,
      dpoName: null,
      dpoEmail: null,
      dpoPhone: null,
    });
    expect(webhookInput({ url: ' https://x.example/h ', events: 'incident.created' }).input).toEqual({
      url: 'https://x.example/h',
      events: ['incident.created'],
      includeDetails: false,
    });
    expect(webhookInput({ url: 'https://x.example/h', events: ['decision.made', ['x']], includeDetails: 'true' }).input).toEqual({
      url: 'https://x.example/h',
      events: ['decision.made'],
      includeDetails: true,
    });
  });
});
