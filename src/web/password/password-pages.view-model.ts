import type { FieldError } from '../../platform/http/domain-error';
import type { LinkPurpose } from '../../identity/password-links.service';
import { Lang, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';

const PASSWORD_FIELDS: FormField[] = [
  ['newPassword', 'newPassword', 'newPassword'],
  ['confirmPassword', 'confirmPassword', 'confirmPassword'],
];

export const LINK_PAGES: Record<LinkPurpose, string> = { invite: '/password/set', reset: '/password/reset' };

// "Forgot your password?": the same page whether the address exists or not.
export function forgotModel(lang: Lang, email: string, outcome: 'form' | 'sent' | 'limited') {
  const t = wordsFor(lang);
  return { title: t.forgotPassword, email, sent: outcome === 'sent', error: outcome === 'limited' ? t.resetLimited : null };
}

// Choosing a password through a link (an invitation or a reset); a link that does not work says so.
export function setPasswordModel(
  lang: Lang,
  purpose: LinkPurpose,
  link: { token: string; email: string } | null,
  errors: FieldError[] = [],
) {
  const t = wordsFor(lang);
  const { byField, summary } = formErrors(errors, PASSWORD_FIELDS, t as unknown as Record<string, string>);
  const heading = purpose === 'invite' ? t.setHeading : t.resetHeading;
  return {
    title: heading,
    heading,
    invalid: link === null,
    action: LINK_PAGES[purpose],
    token: link?.token ?? '',
    email: link?.email ?? '',
    errors: summary,
    e: byField,
  };
}
