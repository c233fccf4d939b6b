// The words of the web pages. German follows the GDPR's own terms (shared/regulatory/glossary.md).
export type Lang = 'de' | 'en';

export const WORDS = {
  title: { de: 'breachclock', en: 'breachclock' },
  skip: { de: 'Zum Inhalt springen', en: 'Skip to content' },
  login: { de: 'Anmelden', en: 'Sign in' },
  logout: { de: 'Abmelden', en: 'Sign out' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  password: { de: 'Passwort', en: 'Password' },
  loginFailed: { de: 'E-Mail-Adresse oder Passwort stimmen nicht.', en: 'E-mail address or password is wrong.' },
  loginLimited: { de: 'Zu viele Fehlversuche. Bitte warten Sie 15 Minuten.', en: 'Too many failed attempts. Please wait 15 minutes.' },
  board: { de: 'Offene Fristen', en: 'Open clocks' },
  boardHelp: {
    de: 'Alle laufenden Fristen Ihrer Organisation, die nächste zuerst. Die Frist an die Aufsichtsbehörde endet 72 Stunden, nachdem der Verantwortliche von der Verletzung erfahren hat (Art. 33 Abs. 1 DSGVO).',
    en: 'Every running clock of your organization, soonest first. The deadline to the supervisory authority ends 72 hours after the controller became aware of the breach (Art. 33(1) GDPR).',
  },
  none: { de: 'Keine offenen Fristen.', en: 'No open clocks.' },
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  incident: { de: 'Vorfall', en: 'Breach' },
  clock: { de: 'Frist', en: 'Clock' },
  due: { de: 'Fällig', en: 'Due' },
  left: { de: 'Verbleibend', en: 'Time left' },
  status: { de: 'Status', en: 'Status' },
  authority: { de: 'Meldung an die Aufsichtsbehörde', en: 'Notify the supervisory authority' },
  processor_to_controller: { de: 'Meldung an den Verantwortlichen', en: 'Report to the controller' },
  overdue: { de: 'überschritten', en: 'overdue' },
  signedInAs: { de: 'Angemeldet als', en: 'Signed in as' },
  newReport: { de: 'Verletzung melden', en: 'Report a breach' },
  newReportHelp: {
    de: 'Melden Sie dem Verantwortlichen, was Sie jetzt wissen (Art. 33 Abs. 2 DSGVO). Unbekanntes lassen Sie leer: es wird als fehlend angezeigt und kann nachgereicht werden (Art. 33 Abs. 4).',
    en: 'Tell the controller what you know now (Art. 33(2) GDPR). Leave unknown items empty: they are listed as missing and can be added later (Art. 33(4)).',
  },
  contract: { de: 'Vertrag zur Auftragsverarbeitung', en: 'Data processing agreement' },
  titleField: { de: 'Kurzbezeichnung', en: 'Short title' },
  natureGroup: { de: 'Art der Verletzung', en: 'Nature of the breach' },
  description: { de: 'Was ist passiert?', en: 'What happened?' },
  descriptionHelp: { de: 'Art. 33 Abs. 3 lit. a: Beschreibung der Art der Verletzung.', en: 'Art. 33(3)(a): a description of the nature of the breach.' },
  types: { de: 'Betroffene Schutzziele', en: 'What was affected' },
  confidentiality: { de: 'Vertraulichkeit (unbefugte Offenlegung oder Zugriff)', en: 'Confidentiality (disclosed or accessed without authorisation)' },
  integrity: { de: 'Integrität (unbefugte Änderung)', en: 'Integrity (altered without authorisation)' },
  availability: { de: 'Verfügbarkeit (Verlust oder Vernichtung)', en: 'Availability (lost or destroyed)' },
  cause: { de: 'Ursache', en: 'Cause' },
  unknown: { de: '– noch unbekannt –', en: '– not known yet –' },
  timeGroup: { de: 'Zeitlicher Ablauf', en: 'Timeline' },
  occurredAt: { de: 'Wann ist es passiert?', en: 'When did it happen?' },
  discoveredAt: { de: 'Wann haben Sie davon erfahren?', en: 'When did you become aware?' },
  discoveredHelp: { de: 'Ab hier läuft Ihre Frist zur Meldung an den Verantwortlichen. Ortszeit', en: 'Your clock to report to the controller starts here. Local time' },
  dataGroup: { de: 'Betroffene Daten und Personen', en: 'Data and people affected' },
  dataCategories: { de: 'Kategorien personenbezogener Daten', en: 'Categories of personal data' },
  subjectCategories: { de: 'Kategorien betroffener Personen', en: 'Categories of data subjects' },
  subjects: { de: 'Ungefähre Zahl der betroffenen Personen', en: 'Approximate number of data subjects' },
  records: { de: 'Ungefähre Zahl der Datensätze', en: 'Approximate number of records' },
  estimate: { de: 'geschätzt', en: 'estimate' },
  contactGroup: { de: 'Ansprechpartner für weitere Informationen', en: 'Contact for more information' },
  name: { de: 'Name', en: 'Name' },
  phone: { de: 'Telefon', en: 'Phone' },
  consequencesGroup: { de: 'Folgen und Maßnahmen', en: 'Consequences and measures' },
  likelyConsequences: { de: 'Wahrscheinliche Folgen', en: 'Likely consequences' },
  measuresTaken: { de: 'Ergriffene Maßnahmen', en: 'Measures taken' },
  measuresProposed: { de: 'Vorgeschlagene Maßnahmen', en: 'Measures proposed' },
  saveDraft: { de: 'Als Entwurf speichern (nur für Ihre Organisation sichtbar)', en: 'Save as a draft (visible to your organization only)' },
  submit: { de: 'Melden', en: 'Report' },
  fixErrors: { de: 'Bitte prüfen Sie die markierten Felder.', en: 'Please check the marked fields.' },
  missing: { de: 'Noch fehlende Angaben', en: 'Still missing' },
  timeline: { de: 'Verlauf', en: 'Timeline' },
  deadlines: { de: 'Fristen', en: 'Clocks' },
  facts: { de: 'Angaben', en: 'Facts' },
  calendarFeed: { de: 'Kalender-Abo Ihrer Fristen (geheime Adresse, nicht weitergeben)', en: 'Calendar subscription for your clocks (secret address, do not share)' },
  dpcCategory: { de: 'Datenkategorie (DPC)', en: 'Data category (DPC)' },
  dpcScore: { de: 'Punktwert 1–4 (optional; Abweichung vom Grundwert braucht eine Begründung)', en: 'Score 1–4 (optional; other than the base needs a reason)' },
  dpcReason: { de: 'Begründung des Punktwerts', en: 'Reason for the score' },
  ease: { de: 'Identifizierbarkeit', en: 'Ease of identification' },
  confidentialityLoss: { de: 'Vertraulichkeit', en: 'Confidentiality' },
  integrityLoss: { de: 'Integrität', en: 'Integrity' },
  availabilityLoss: { de: 'Verfügbarkeit', en: 'Availability' },
  malicious: { de: 'Böswillige Absicht', en: 'Malicious intent' },
  unintelligible: { de: 'Daten unverständlich (Verschlüsselung, Schlüssel sicher)', en: 'Data unintelligible (encryption, key safe)' },
  trusted: { de: 'Vertrauenswürdiger Empfänger hat gelöscht', en: 'Trusted recipient confirmed deletion' },
  removed: { de: 'Maßnahmen beseitigen das hohe Risiko (Art. 34 Abs. 3 lit. b)', en: 'Measures removed the high risk (Art. 34(3)(b))' },
  followUp: { de: 'Angaben nachreichen (Art. 33 Abs. 4)', en: 'Add facts (Art. 33(4))' },
  save: { de: 'Speichern', en: 'Save' },
  recordNotification: { de: 'Versendete Meldung festhalten', en: 'Record a notification that was sent' },
  kind: { de: 'Art', en: 'Kind' },
  sentAt: { de: 'Gesendet am', en: 'Sent at' },
  channel: { de: 'Weg (z. B. Online-Formular)', en: 'Channel (e.g. online form)' },
  caseReference: { de: 'Aktenzeichen der Behörde', en: "Authority's case reference" },
  reasonsForDelay: { de: 'Begründung für die Verzögerung (nach Ablauf der 72 Stunden)', en: 'Reasons for the delay (after the 72 hours)' },
  record: { de: 'Festhalten', en: 'Record' },
  notifications: { de: 'Versendete Meldungen', en: 'Notifications sent' },
  authoritiesNav: { de: 'Aufsichtsbehörden', en: 'Authorities' },
  registerNav: { de: 'Dokumentation', en: 'Register' },
  drafts: { de: 'Entwürfe', en: 'Drafts' },
  draftAuthority: { de: 'Meldung an die Aufsichtsbehörde', en: 'Notification to the supervisory authority' },
  draftSubjects: { de: 'Benachrichtigung der betroffenen Personen', en: 'Communication to the people affected' },
  draftProcessor: { de: 'Meldung des Auftragsverarbeiters', en: "The processor's report" },
  preview: { de: 'Ansehen', en: 'Preview' },
  download: { de: 'Markdown herunterladen', en: 'Download Markdown' },
  assessment: { de: 'Risikobewertung (ENISA)', en: 'Risk assessment (ENISA)' },
  assess: { de: 'Bewerten', en: 'Assess' },
  score: { de: 'Schweregrad', en: 'Severity' },
  recommendation: { de: 'Empfehlung', en: 'Recommendation' },
  decision: { de: 'Entscheidung', en: 'Decision' },
  decide: { de: 'Entscheidung speichern', en: 'Record the decision' },
  notifyAuthority: { de: 'Aufsichtsbehörde benachrichtigen', en: 'Notify the supervisory authority' },
  notifySubjects: { de: 'Betroffene Personen benachrichtigen', en: 'Tell the people affected' },
  authorityReason: { de: 'Begründung (Aufsichtsbehörde)', en: 'Reasons (authority)' },
  subjectsReason: { de: 'Begründung (betroffene Personen)', en: 'Reasons (people affected)' },
  reasonsHelp: { de: 'Pflicht, wenn nicht gemeldet wird oder von der Empfehlung abgewichen wird (mindestens 20 Zeichen).', en: 'Required when not notifying or departing from the recommendation (at least 20 characters).' },
  yes: { de: 'ja', en: 'yes' },
  no: { de: 'nein', en: 'no' },
  exemption: { de: 'Ausnahme nach Art. 34 Abs. 3', en: 'Exemption under Art. 34(3)' },
} as const;

export type Words = { [K in keyof typeof WORDS]: string };

export function wordsFor(lang: Lang): Words {
  return Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, v[lang]])) as Words;
}

// The user's setting first; before sign-in, the browser's Accept-Language; English otherwise.
export function pickLanguage(setting: Lang | undefined, acceptLanguage: string | undefined): Lang {
  if (setting) return setting;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.lang === 'de' || x.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Lang) ?? 'en';
}
