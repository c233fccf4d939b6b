// The words of the drafts, in the GDPR's own terms (shared/regulatory/glossary.md).

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Labels = Record<string, { de: string; en: string }>;

export const BREACH_TYPE_LABELS: Labels = {
  confidentiality: { de: 'Verletzung der Vertraulichkeit', en: 'confidentiality breach' },
  integrity: { de: 'Verletzung der Integrität', en: 'integrity breach' },
  availability: { de: 'Verletzung der Verfügbarkeit', en: 'availability breach' },
};

export const CAUSE_LABELS: Labels = {
  malware: { de: 'Schadsoftware', en: 'malware' },
  hacking: { de: 'Hackerangriff', en: 'hacking' },
  phishing: { de: 'Phishing', en: 'phishing' },
  lost_device: { de: 'Verlust oder Diebstahl eines Geräts oder Datenträgers', en: 'lost or stolen device or medium' },
  misdirected_email: { de: 'Fehlversand', en: 'misdirected message' },
  insider: { de: 'Handlung eines Innentäters', en: 'insider action' },
  software_error: { de: 'Softwarefehler', en: 'software error' },
  physical: { de: 'physischer Vorfall (z. B. Einbruch, Brand)', en: 'physical incident (e.g. break-in, fire)' },
  other: { de: 'sonstige Ursache', en: 'other cause' },
};

export const SPECIAL_CATEGORY_LABELS: Labels = {
  racial_or_ethnic_origin: { de: 'rassische oder ethnische Herkunft', en: 'racial or ethnic origin' },
  political_opinions: { de: 'politische Meinungen', en: 'political opinions' },
  religious_or_philosophical_beliefs: { de: 'religiöse oder weltanschauliche Überzeugungen', en: 'religious or philosophical beliefs' },
  trade_union_membership: { de: 'Gewerkschaftszugehörigkeit', en: 'trade union membership' },
  genetic: { de: 'genetische Daten', en: 'genetic data' },
  biometric: { de: 'biometrische Daten', en: 'biometric data' },
  health: { de: 'Gesundheitsdaten', en: 'data concerning health' },
  sex_life_or_orientation: { de: 'Sexualleben oder sexuelle Orientierung', en: 'sex life or sexual orientation' },
  criminal_convictions_and_offences: {
    de: 'Daten über strafrechtliche Verurteilungen und Straftaten (Art. 10)',
    en: 'criminal convictions and offences (Art. 10)',
  },
};

export const MISSING_LABELS: Labels = {
  'nature.types': {
    de: 'Art der Verletzung (Vertraulichkeit, Integrität, Verfügbarkeit)',
    en: 'type of breach (confidentiality, integrity, availability)',
  },
  'nature.cause': { de: 'Ursache', en: 'cause' },
  occurredAt: { de: 'Zeitpunkt der Verletzung', en: 'when the breach occurred' },
  subjectCategories: { de: 'Kategorien betroffener Personen', en: 'categories of data subjects' },
  approximateSubjects: { de: 'ungefähre Zahl der betroffenen Personen', en: 'approximate number of data subjects' },
  dataCategories: { de: 'Kategorien personenbezogener Daten', en: 'categories of personal data' },
  specialCategories: {
    de: 'besondere Kategorien personenbezogener Daten (Art. 9, 10)',
    en: 'special categories of personal data (Art. 9, 10)',
  },
  approximateRecords: { de: 'ungefähre Zahl der Datensätze', en: 'approximate number of records' },
  contact: { de: 'Anlaufstelle für weitere Informationen', en: 'contact point for more information' },
  likelyConsequences: { de: 'wahrscheinliche Folgen', en: 'likely consequences' },
  measuresTaken: { de: 'ergriffene Maßnahmen', en: 'measures taken' },
  measuresProposed: { de: 'vorgeschlagene Maßnahmen', en: 'measures proposed' },
};

export const WORDS = {
  none: { de: 'keine', en: 'none' },
  approx: { de: 'ca.', en: 'approx.' },
  exact: { de: 'genau', en: 'exactly' },
  estimate: { de: 'Schätzung', en: 'estimate' },
  phone: { de: 'Telefon', en: 'phone' },
};

export function label(table: Labels, key: string, lang: Language): string {
  return table[key]?.[lang] ?? key;
}

// Concrete advice for the people affected (EDPB 9/2022 III.B), chosen from what happened.
export function adviceFor(
  f: { cause: string | null; types: string[] | null; dataCategories: string[] | null; special: string[] | null },
  lang: Language,
): string[] {
  const de = lang === 'de';
  const advice: string[] = [];
  const data = (f.dataCategories ?? []).join(' ').toLowerCase();
  if (['hacking', 'phishing', 'malware', 'insider'].includes(f.cause ?? '') || /passw|zugang|login|credential|konto|account/.test(data)) {
    advice.push(
      de
        ? 'Ändern Sie Ihr Passwort bei uns und überall dort, wo Sie dasselbe Passwort verwenden.'
        : 'Change your password with us and anywhere else you use the same password.',
    );
  }
  if (/bank|iban|kredit|credit|card|karte|zahlung|payment|financ|finanz/.test(data)) {
    advice.push(
      de
        ? 'Prüfen Sie Ihre Kontoauszüge und Kreditkartenabrechnungen auf Buchungen, die Sie nicht kennen, und melden Sie diese Ihrer Bank.'
        : 'Check your bank and credit card statements for payments you do not recognise and report them to your bank.',
    );
  }
  if (f.types?.includes('confidentiality') ?? true) {
    advice.push(
      de
        ? 'Seien Sie vorsichtig bei E-Mails, Anrufen oder Nachrichten, die sich auf diesen Vorfall beziehen oder nach Passwörtern oder Zahlungsdaten fragen. Wir fragen Sie niemals nach Ihrem Passwort.'
        : 'Be careful with e-mails, calls or messages that refer to this incident or ask for passwords or payment details. We will never ask for your password.',
    );
  }
  if (f.types?.includes('availability') || f.types?.includes('integrity')) {
    advice.push(
      de
        ? 'Wenn Ihnen Angaben in Ihren Unterlagen bei uns falsch oder unvollständig vorkommen, sagen Sie es uns bitte.'
        : 'If any of your information with us looks wrong or incomplete, please tell us.',
    );
  }
  if ((f.special ?? []).includes('health')) {
    advice.push(
      de
        ? 'Wenn Sie sich wegen des Vorfalls belastet fühlen, können Sie sich jederzeit an uns wenden; wir nehmen uns Zeit für Ihre Fragen.'
        : 'If this incident worries you, you can contact us at any time; we will take time for your questions.',
    );
  }
  advice.push(de ? 'Bewahren Sie dieses Schreiben auf.' : 'Keep this letter for your records.');
  return advice;
}
