import { byLang } from '../../i18n';

// The drafts' words live in src/i18n/ (term(lang, 'cause', code), …). These tables keep the shape
// the page code imports until it calls i18n/ directly, and then go.
export const CAUSE_LABELS = byLang('cause');
export const MISSING_LABELS = byLang('missing');
export { sayByLang as label } from '../../i18n';
