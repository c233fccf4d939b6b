// Countries, regions and time zones, checked without a network or a database.

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
import { Lang } from '../../i18n';

// ISO 3166-1 alpha-2, as known to the runtime's ICU data.
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

// The German Länder (ISO 3166-2:DE); each has its own supervisory authority (two in Bavaria).
export const GERMAN_REGIONS = [
  'DE-BW',
  'DE-BY',
  'DE-BE',
  'DE-BB',
  'DE-HB',
  'DE-HH',
  'DE-HE',
  'DE-MV',
  'DE-NI',
  'DE-NW',
  'DE-RP',
  'DE-SL',
  'DE-SN',
  'DE-ST',
  'DE-SH',
  'DE-TH',
] as const;

// Germany: one of the 16 Länder. Elsewhere: the ISO 3166-2 shape with the country's prefix.
export function regionProblem(country: string, region: string): string | null {
  if (!region.startsWith(`${country}-`)) return `must be an ISO 3166-2 code of ${country} (e.g. ${country}-…)`;
  if (country === 'DE') {
    return (GERMAN_REGIONS as readonly string[]).includes(region) ? null : `must be one of ${GERMAN_REGIONS.join(', ')}`;
  }
  return /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(region) ? null : 'must be an ISO 3166-2 code such as FR-IDF';
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// A sensible zone for a country (its capital's); users can choose another.
const ZONES: Record<string, string> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CH: 'Europe/Zurich',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  LI: 'Europe/Vaduz',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
};

export function defaultTimeZone(country: string): string {
  return ZONES[country] ?? 'UTC';
}

export function defaultLocale(country: string): Lang {
  return ['DE', 'AT', 'CH', 'LI'].includes(country) ? 'de' : 'en';
}

// A public body's level decides its authority in Germany (federal → BfDI, § 9(1) BDSG; Land → the
// Land commissioner): required there, and only public bodies have one. A Land body needs its Land.
export function publicLevelProblems(
  country: string,
  sector: 'private' | 'public',
  level: 'federal' | 'state' | null,
  region: string | null,
): { path: string; message: string }[] {
  if (level !== null && sector !== 'public') return [{ path: 'publicLevel', message: 'applies to public bodies only (sector public)' }];
  if (country !== 'DE' || sector !== 'public') return [];
  if (level === null) {
    return [
      {
        path: 'publicLevel',
        message:
          'is required for a German public body: federal (supervised by the BfDI, § 9(1) BDSG) or state (a Land or municipal body, supervised by the Land commissioner)',
      },
    ];
  }
  if (level === 'state' && region === null)
    return [{ path: 'region', message: 'is required for a public body of a Land: the Land decides its commissioner' }];
  return [];
}
