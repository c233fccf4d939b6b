import type { FieldError } from '../../platform/http/domain-error';
import type { User } from '../../identity/user.entity';
import { Lang, LANGS, formatInstant, words, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';
import { adminNav } from './admin-sections';

export const ROLES = ['processor_staff', 'controller_dpo', 'org_admin'] as const;

export const INVITE_FIELDS: FormField[] = [
  ['email', 'email', 'email'],
  ['role', 'role', 'role'],
  ['locale', 'locale', 'language'],
];

export interface InviteValues {
  email: string;
  role: string;
  locale: string;
}

export const NO_INVITE: InviteValues = { email: '', role: 'controller_dpo', locale: '' };

// The invitation form as posted: the API's body (an empty language: the organization's).
export function inviteInput(body: Record<string, unknown>): InviteValues & { locale: string } {
  const text = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string).trim() : '');
  return { email: text('email'), role: text('role'), locale: text('locale') };
}

export function inviteBody(values: InviteValues): Record<string, string> {
  return { email: values.email, role: values.role, ...(values.locale ? { locale: values.locale } : {}) };
}

// A row's form: a new role, or active on/off (the button pressed).
export function userChange(body: Record<string, unknown>): Record<string, unknown> {
  if (body?.active === 'false') return { active: false };
  if (body?.active === 'true') return { active: true };
  return { role: body?.role };
}

// The users page: every user of the organization (status in words), a form per row to change the
// role and a button to deactivate or reactivate, and the invitation form.
export function adminUsersModel(
  lang: Lang,
  viewer: { userId: string; timeZone: string },
  users: User[],
  invite: InviteValues,
  errors: FieldError[],
  notice: string | null,
  rowError: { userId: string; message: string } | null = null,
) {
  const t = wordsFor(lang);
  const w = t as unknown as Record<string, string>;
  const { byField, summary } = formErrors(errors, INVITE_FIELDS, w);
  return {
    title: t.adminUsers,
    nav: adminNav('org_admin', w, '/admin/users'),
    notice,
    errors: summary,
    e: byField,
    invite,
    roles: ROLES.map((r) => ({ value: r, label: w[`role_${r}`], selected: r === invite.role })),
    languages: [
      { value: '', label: '–', selected: invite.locale === '' },
      ...LANGS.map((code) => ({ value: code, label: words(code).languageName, selected: code === invite.locale })),
    ],
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      self: u.id === viewer.userId,
      active: u.active,
      state: !u.active ? t.userInactive : u.passwordHash ? t.userActive : t.userInvited,
      roleLabel: w[`role_${u.role}`],
      since: formatInstant(u.createdAt, viewer.timeZone, lang),
      roles: ROLES.map((r) => ({ value: r, label: w[`role_${r}`], selected: r === u.role })),
      error: rowError?.userId === u.id ? rowError.message : null,
    })),
  };
}
