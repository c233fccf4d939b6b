import type { DraftFacts } from '../../src/notifications/domain/draft-model';
import type { FilingFacts } from '../../src/notifications/domain/filing-summaries';
import type { FilingStage } from '../../src/notifications/domain/obligation-drafts';

// Fixed facts for the drafts per obligation: a German NIS2 entity (and DORA financial entity) whose
// customer portal was broken into, reported first to its data-protection authority.

export const bankIncident: DraftFacts['incident'] = {
  reference: 'BC-2025-000077',
  natureDescription: 'Unbefugter Zugriff auf das Kundenportal über gestohlene Administrator-Zugangsdaten.',
  natureTypes: ['confidentiality', 'availability'],
  natureCause: 'hacking',
  occurredAt: null,
  occurredFrom: new Date('2025-03-03T22:00:00Z'),
  occurredUntil: new Date('2025-03-04T03:30:00Z'),
  discoveredAt: new Date('2025-03-04T06:10:00Z'),
  reportedToControllerAt: null,
  controllerAwareAt: new Date('2025-03-04T06:10:00Z'),
  dataCategories: ['Namen', 'IBAN'],
  specialCategories: [],
  subjectCategories: ['Kundinnen und Kunden'],
  approximateSubjects: 12500,
  approximateSubjectsIsEstimate: true,
  approximateRecords: 40000,
  approximateRecordsIsEstimate: true,
  contactName: 'Ines Incident',
  contactEmail: 'soc@bank.example',
  contactPhone: null,
  likelyConsequences: 'Gezielte Phishing-Versuche gegen Kundinnen und Kunden.',
  measuresTaken: 'Zugänge gesperrt, Passwörter zurückgesetzt, Portal vier Stunden offline.',
  measuresProposed: 'Zwei-Faktor-Anmeldung für alle Administratoren.',
  subProcessor: null,
  affectedCountries: ['DE', 'AT'],
};

// The recipient and legal basis of each regime's duties, as the regime entries name them.
const DUTY: Record<string, { recipient: string; legalBasis: string }> = {
  nis2: { recipient: 'Bundesamt für Sicherheit in der Informationstechnik', legalBasis: 'Art. 23(4) NIS2; Germany: § 32(1) BSIG' },
  dora: { recipient: 'Bundesanstalt für Finanzdienstleistungsaufsicht', legalBasis: 'Art. 19(4) DORA; Del. Reg. (EU) 2025/301 Art. 5' },
  eprivacy: { recipient: 'Bundesnetzagentur', legalBasis: 'Reg. (EU) No 611/2013 Art. 2; Germany: § 169 TKG' },
};

export function filingFacts(stage: FilingStage, overrides: Partial<FilingFacts> = {}): FilingFacts {
  return {
    lang: 'de',
    now: new Date('2025-03-05T09:00:00Z'),
    timeZone: 'Europe/Berlin',
    stage,
    duty: {
      ...DUTY[stage.split('/')[0]],
      startsAt: new Date('2025-03-04T08:00:00Z'),
      dueAt: new Date('2025-03-05T08:00:00Z'),
    },
    entity: {
      name: 'Beispielbank AG',
      country: 'DE',
      nis2: stage.startsWith('nis2/') ? 'essential' : null,
      dora: stage.startsWith('dora/'),
    },
    contact: 'Ines Incident, soc@bank.example',
    incident: bankIncident,
    processor: null,
    decision: { notifySubjects: true },
    previous: null,
    otherReports: [
      { recipient: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit', sentAt: new Date('2025-03-04T15:00:00Z') },
    ],
    ...overrides,
  };
}
