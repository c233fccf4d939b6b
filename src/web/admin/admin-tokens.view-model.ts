import type { FieldError } from '../../platform/http/domain-error';
import type { ApiToken } from '../../identity/api-token.entity';
import type { Role } from '../../identity/user.entity';
import { tokenStatus } from '../../identity/domain/tokens';
import { Lang, formatInstant, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';
import { adminNav } from './admin-sections';

export const TOKEN_FIELDS: FormField[] = [
  ['name', 'name', 'tokenName'],
  ['expiresIn', 'expiresIn', 'tokenExpiresIn'],
];

export interface TokenValues {
  name: string;
  expiresIn: string;
}

// The form as posted, as the API's body: empty fields left out (no name: the day's; no expiry: none).
export function tokenInput(body: Record<string, unknown>): { values: TokenValues; input: Record<string, string> } {
  const text = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string).trim() : '');
  const values = { name: text('name'), expiresIn: text('expiresIn') };
  const input: Record<string, string> = {};
  if (values.name) input.name = values.name;
  if (values.expiresIn) input.expiresIn = values.expiresIn;
  return { values, input };
}

// The tokens the viewer manages (an org admin: the organization's), newest first, with their status
// in words, and the secret of a token just made (shown this once).
export function adminTokensModel(
  lang: Lang,
  viewer: { role: Role; timeZone: string },
  tokens: ApiToken[],
  now: Date,
  values: TokenValues,
  errors: FieldError[],
  made: { secret: string; name: string } | null,
  notice: string | null,
) {
  const t = wordsFor(lang);
  const w = t as unknown as Record<string, string>;
  const { byField, summary } = formErrors(errors, TOKEN_FIELDS, w);
  const when = (d: Date | null) => (d ? formatInstant(d, viewer.timeZone, lang) : t.never);
  return {
    title: t.adminTokens,
    nav: adminNav(viewer.role, w, '/admin/tokens'),
    showUser: viewer.role === 'org_admin',
    notice,
    made,
    errors: summary,
    e: byField,
    values,
    tokens: tokens.map((token) => {
      const status = tokenStatus(token, now);
      return {
        id: token.id,
        name: token.name,
        user: token.user?.email ?? '',
        status: w[`tokenStatus_${status}`],
        active: status === 'active',
        createdAt: when(token.createdAt),
        expiresAt: when(token.expiresAt),
        lastUsedAt: when(token.lastUsedAt),
      };
    }),
  };
}
