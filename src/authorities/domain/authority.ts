// One supervisory authority, as shipped in data/authorities.json (base data: datenanfragen/data,
// CC0-1.0). null means "not confirmed", never "none".
export interface Authority {
  id: string;
  country: string;
  region: string | null;
  region_code: string | null;
  name_local: string;
  name_en: string;
  abbreviation: string | null;
  postal_address: string | null;
  email: string | null;
  website: string | null;
  breach_info_url: string | null;
  breach_form_url: string | null;
  breach_form_url_status: string | null;
  breach_submission_channel: string | null;
  sector_scope: 'private' | 'public' | 'both';
  notification_languages: string[];
  sources: string[];
  notes: string | null;
}

// EU member states plus the EEA's Iceland, Liechtenstein and Norway: the GDPR's territory.
export const EU_EEA = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
] as const;
