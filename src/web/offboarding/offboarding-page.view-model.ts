import { Lang, t as text, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';
import { adminNav } from '../admin/admin-sections';

export const OFFBOARDING_PATH = '/admin/offboarding';
export const CONFIRM_FIELDS: FormField[] = [['confirm', 'confirm', 'deleteConfirmLabel']];

const items = (list: string) => list.split(' | ');

// The archive's file name: the organization's slug and the day of the export (UTC, as in the manifest).
export const archiveFileName = (slug: string, exportedAt: string) => `breachclock-${slug}-${exportedAt.slice(0, 10)}.json`;

// The confirmation as posted: the typed slug (anything but one text is no slug).
export const confirmInput = (body: Record<string, unknown>): string => (typeof body?.confirm === 'string' ? body.confirm.trim() : '');

// Step 1: the export, and what a deletion removes and what stays (docs/offboarding.md).
export function offboardingModel(lang: Lang) {
  const t = wordsFor(lang);
  return {
    title: t.adminOffboarding,
    nav: adminNav('org_admin', t as unknown as Record<string, string>, OFFBOARDING_PATH),
    goes: items(t.deleteGoesList),
    stays: items(t.deleteStaysList),
  };
}

// Step 2: the typed slug. A wrong one is said next to the field (and in the summary), nothing deleted.
export function confirmModel(lang: Lang, org: { slug: string; name: string }, typed: string, wrong: boolean) {
  const t = wordsFor(lang);
  const w = t as unknown as Record<string, string>;
  const { byField, summary } = formErrors(wrong ? [{ path: 'confirm', message: t.deleteWrongSlug }] : [], CONFIRM_FIELDS, w);
  return {
    title: text(lang, 'offboarding.deleteConfirmHeading', { name: org.name }),
    nav: adminNav('org_admin', w, OFFBOARDING_PATH),
    help: text(lang, 'offboarding.deleteConfirmHelp', { slug: org.slug }),
    typed,
    errors: summary,
    e: byField,
  };
}

// The page after the deletion, shown signed out.
export function goodbyeModel(
  lang: Lang,
  name: string,
  summary: { incidentsDeleted: number; contractsDeleted: number; usersDeleted: number; incidentsKeptByControllers: number },
) {
  const t = wordsFor(lang);
  return {
    title: t.goodbyeTitle,
    message: text(lang, 'offboarding.goodbyeText', { name }),
    summary: text(lang, 'offboarding.goodbyeSummary', {
      incidents: summary.incidentsDeleted,
      contracts: summary.contractsDeleted,
      users: summary.usersDeleted,
      kept: summary.incidentsKeptByControllers,
    }),
  };
}
