import type { FieldError } from '../../platform/http/domain-error';
import type { Organization } from '../../identity/organization.entity';
import type { Role } from '../../identity/user.entity';
import { NIS2_SETTINGS } from '../../identity/dto/update-organization.dto';
import { Lang, countryName, wordsFor } from '../../i18n';
import { formErrors, FormField } from '../shared/form-errors';
import { adminNav } from './admin-sections';

export const ORGANIZATION_FIELDS: FormField[] = [
  ['name', 'name', 'orgName'],
  ['address', 'address', 'orgAddress'],
  ['country', 'country', 'orgCountry'],
  ['region', 'region', 'orgRegion'],
  ['sector', 'sector', 'orgSector'],
  ['publicLevel', 'publicLevel', 'orgPublicLevel'],
  ['nis2', 'nis2', 'orgNis2'],
  ['dora', 'dora', 'orgDora'],
  ['telecom', 'telecom', 'orgTelecom'],
  ['postal', 'postal', 'orgPostal'],
  ['dpoName', 'dpoName', 'dpoName'],
  ['dpoEmail', 'dpoEmail', 'dpoEmail'],
  ['dpoPhone', 'dpoPhone', 'dpoPhone'],
];

const TEXTS = ['name', 'address', 'country', 'region', 'sector', 'publicLevel', 'nis2', 'dpoName', 'dpoEmail', 'dpoPhone'] as const;
const FLAGS = ['dora', 'telecom', 'postal'] as const;
const OPTIONAL = new Set(['address', 'region', 'publicLevel', 'dpoName', 'dpoEmail', 'dpoPhone']);

export type OrganizationValues = Record<(typeof TEXTS)[number], string> & Record<(typeof FLAGS)[number], boolean>;

export function organizationValues(o: Organization): OrganizationValues {
  return {
    name: o.name,
    address: o.address ?? '',
    country: o.country,
    region: o.region ?? '',
    sector: o.sector,
    publicLevel: o.publicLevel ?? '',
    nis2: o.nis2 ?? 'none',
    dora: o.dora,
    telecom: o.telecom,
    postal: o.postal,
    dpoName: o.dpoName ?? '',
    dpoEmail: o.dpoEmail ?? '',
    dpoPhone: o.dpoPhone ?? '',
  };
}

// The form as posted, and the API's body: an empty optional field is null (none), an unticked box false.
export function organizationInput(body: Record<string, unknown>): { values: OrganizationValues; input: Record<string, unknown> } {
  const text = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string).trim() : '');
  const values = {
    ...Object.fromEntries(TEXTS.map((k) => [k, text(k)])),
    ...Object.fromEntries(FLAGS.map((k) => [k, body?.[k] === 'true'])),
  } as OrganizationValues;
  const input = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, OPTIONAL.has(k) && v === '' ? null : k === 'country' ? (v as string).toUpperCase() : v]),
  );
  return { values, input };
}

// The organization page: a form for its org admins, the same facts as a list for everyone else.
export function adminOrganizationModel(
  lang: Lang,
  role: Role,
  organization: Organization,
  values: OrganizationValues,
  errors: FieldError[],
  notice: string | null,
) {
  const t = wordsFor(lang);
  const w = t as unknown as Record<string, string>;
  const { byField, summary } = formErrors(errors, ORGANIZATION_FIELDS, w);
  const options = (prefix: string, codes: readonly string[], chosen: string) =>
    codes.map((value) => ({ value, label: w[`${prefix}_${value || 'none'}`], selected: value === chosen }));
  const saved = organizationValues(organization);
  const none = '–';
  return {
    title: t.adminOrganization,
    nav: adminNav(role, w, '/admin/organization'),
    editable: role === 'org_admin',
    notice,
    errors: summary,
    e: byField,
    values,
    sectors: options('sector', ['private', 'public'], values.sector),
    publicLevels: options('publicLevel', ['', 'federal', 'state'], values.publicLevel),
    nis2Classes: options('nis2', NIS2_SETTINGS, values.nis2),
    flags: FLAGS.map((id) => ({ id, label: w[`org${id[0].toUpperCase()}${id.slice(1)}`], checked: values[id] })),
    // The read-only view: the stored facts in words.
    facts: [
      [t.orgName, saved.name],
      [t.orgAddress, saved.address || none],
      [t.orgCountry, `${countryName(saved.country, lang)} (${saved.country})`],
      [t.orgRegion, saved.region || none],
      [t.orgSector, w[`sector_${saved.sector}`]],
      [t.orgPublicLevel, saved.publicLevel ? w[`publicLevel_${saved.publicLevel}`] : none],
      [t.orgNis2, w[`nis2_${saved.nis2}`]],
      [t.orgDora, saved.dora ? t.yes : t.no],
      [t.orgTelecom, saved.telecom ? t.yes : t.no],
      [t.orgPostal, saved.postal ? t.yes : t.no],
      [`${t.orgDpoGroup}: ${t.dpoName}`, saved.dpoName || none],
      [`${t.orgDpoGroup}: ${t.dpoEmail}`, saved.dpoEmail || none],
      [`${t.orgDpoGroup}: ${t.dpoPhone}`, saved.dpoPhone || none],
    ].map(([term, value]) => ({ term, value })),
  };
}
