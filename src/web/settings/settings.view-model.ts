import type { FieldError } from '../../platform/http/domain-error';
import { Lang, LANGS, words, wordsFor } from '../../i18n';
import { formErrors } from '../shared/form-errors';

export const SETTINGS_FIELDS: [string, string, string][] = [
  ['locale', 'locale', 'language'],
  ['timeZone', 'timeZone', 'timeZone'],
  ['currentPassword', 'currentPassword', 'currentPassword'],
  ['newPassword', 'newPassword', 'newPassword'],
  ['confirmPassword', 'confirmPassword', 'confirmPassword'],
];

// What the page confirms after a 303 back to it: ?saved=1 (preferences) or ?saved=password.
export function savedOf(saved: string | undefined): boolean | 'password' {
  return saved === 'password' ? 'password' : saved === '1';
}

// The user's own language and time zone, and a new password. A zone the list does not know (stored
// before, or typed) is offered first, so the form shows what is stored or was sent.
export function settingsModel(
  lang: Lang,
  values: { locale: string; timeZone: string },
  errors: FieldError[],
  saved: boolean | 'password',
  zones: readonly string[],
) {
  const t = wordsFor(lang);
  const { byField, summary } = formErrors(errors, SETTINGS_FIELDS, t);
  return {
    title: t.settings,
    saved: saved === true,
    passwordChanged: saved === 'password',
    errors: summary,
    e: byField,
    languages: LANGS.map((code) => ({ value: code, label: words(code).languageName, selected: code === values.locale })),
    zones: (zones.includes(values.timeZone) ? zones : [values.timeZone, ...zones]).map((z) => ({
      value: z,
      selected: z === values.timeZone,
    })),
  };
}
