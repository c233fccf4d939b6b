import type { Actor } from '../../identity/domain/actor';
import { pickLanguage } from '../../i18n';

// The signed-in user as the pages speak to them: a user who has not chosen a language
// (localeChosen false) reads the pages in the browser's (Accept-Language, the first of ours by
// q-value), else in their organization's, which `locale` holds for them. A chosen language always wins.
// Only the pages do this: mails, drafts' defaults outside the pages and API answers keep `locale`.
export function inPageLanguage(actor: Actor, acceptLanguage: string | undefined): Actor {
  if (actor.localeChosen !== false) return actor;
  const locale = pickLanguage(undefined, acceptLanguage, actor.locale);
  return locale === actor.locale ? actor : { ...actor, locale };
}
