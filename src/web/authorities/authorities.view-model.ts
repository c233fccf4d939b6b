import type { Authority } from '../../authorities/domain/authority';
import { Lang, words } from '../../i18n';

// The search as typed, cut to 100 characters.
export function authoritySearch(q: unknown): string {
  return typeof q === 'string' ? q.slice(0, 100) : '';
}

// The directory of supervisory authorities: names in the page's language, the breach form linked only
// when it is an https address.
export function authoritiesModel(lang: Lang, query: string, authorities: Authority[]) {
  const w = words(lang);
  const items = authorities.map((a) => ({
    name: w.authorityName === 'local' ? a.name_local : a.name_en,
    abbreviation: a.abbreviation,
    email: a.email ?? '',
    country: a.country,
    region: a.region ?? '',
    channel: a.breach_submission_channel ?? '–',
    form: a.breach_form_url && /^https:\/\//.test(a.breach_form_url) ? a.breach_form_url : null,
  }));
  return {
    ...w.pages.authorities,
    q: query,
    items,
  };
}
