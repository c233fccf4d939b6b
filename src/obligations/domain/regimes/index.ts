import { RegimeEntry } from '../regime-entry';
import { CH_FADP_NOTIFY_AUTHORITY } from './ch-fadp';
import { CONTRACT_REPORT_TO_CONTROLLER } from './contract';
import { DORA } from './dora';
import { EPRIVACY_NOTIFY_AUTHORITY } from './eprivacy';
import { GDPR_COMMUNICATE_TO_DATA_SUBJECTS, GDPR_NOTIFY_AUTHORITY } from './gdpr';
import { NIS2 } from './nis2';
import { UK_GDPR_NOTIFY_AUTHORITY } from './uk-gdpr';

// Every (regime, duty) the product knows, in the order obligations are listed for one incident.
export const REGIME_ENTRIES: readonly RegimeEntry[] = [
  CONTRACT_REPORT_TO_CONTROLLER,
  GDPR_NOTIFY_AUTHORITY,
  UK_GDPR_NOTIFY_AUTHORITY,
  CH_FADP_NOTIFY_AUTHORITY,
  GDPR_COMMUNICATE_TO_DATA_SUBJECTS,
  ...NIS2,
  ...DORA,
  EPRIVACY_NOTIFY_AUTHORITY,
];

export function regimeEntry(regime: string, duty: string): RegimeEntry | null {
  return REGIME_ENTRIES.find((e) => e.regime === regime && e.duty === duty) ?? null;
}
