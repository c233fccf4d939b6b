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
  descriptionHelp: {
    de: 'Art. 33 Abs. 3 lit. a: Beschreibung der Art der Verletzung.',
    en: 'Art. 33(3)(a): a description of the nature of the breach.',
  },
  types: { de: 'Betroffene Schutzziele', en: 'What was affected' },
  confidentiality: {
    de: 'Vertraulichkeit (unbefugte Offenlegung oder Zugriff)',
    en: 'Confidentiality (disclosed or accessed without authorisation)',
  },
  integrity: { de: 'Integrität (unbefugte Änderung)', en: 'Integrity (altered without authorisation)' },
  availability: { de: 'Verfügbarkeit (Verlust oder Vernichtung)', en: 'Availability (lost or destroyed)' },
  cause: { de: 'Ursache', en: 'Cause' },
  unknown: { de: '– noch unbekannt –', en: '– not known yet –' },
  timeGroup: { de: 'Zeitlicher Ablauf', en: 'Timeline' },
  occurredAt: { de: 'Wann ist es passiert?', en: 'When did it happen?' },
  discoveredAt: { de: 'Wann haben Sie davon erfahren?', en: 'When did you become aware?' },
  discoveredHelp: {
    de: 'Ab hier läuft Ihre Frist zur Meldung an den Verantwortlichen. Ortszeit',
    en: 'Your clock to report to the controller starts here. Local time',
  },
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
  recordHelp: {
    de: 'Erfassen Sie eine Verletzung Ihrer eigenen Organisation oder die telefonische Meldung eines Auftragsverarbeiters. Unbekanntes lassen Sie leer: es wird als fehlend angezeigt und kann nachgereicht werden (Art. 33 Abs. 4).',
    en: "Record a breach of your own organization, or a processor's report that came by phone. Leave unknown items empty: they are listed as missing and can be added later (Art. 33(4)).",
  },
  ownBreach: { de: 'Eigene Verletzung (kein Auftragsverarbeiter beteiligt)', en: 'Our own breach (no processor involved)' },
  discoveredAtController: { de: 'Wann wurde die Verletzung entdeckt?', en: 'When was the breach discovered?' },
  discoveredHelpController: {
    de: 'Bei einem Auftragsverarbeiter: wann er davon erfahren hat. Ortszeit',
    en: 'For a processor: when it became aware. Local time',
  },
  controllerAwareAt: { de: 'Wann hat Ihre Organisation davon erfahren?', en: 'When did your organization become aware?' },
  controllerAwareHelp: {
    de: 'Ab hier laufen die 72 Stunden (Art. 33 Abs. 1). Leer: der Zeitpunkt der Entdeckung (eigene Verletzung) bzw. jetzt (Meldung eines Auftragsverarbeiters). Ortszeit',
    en: "The 72 hours run from here (Art. 33(1)). Empty: when it was discovered (own breach) or now (a processor's report). Local time",
  },
  otherCategories: { de: 'Weitere (durch Komma getrennt)', en: 'Others (separated by commas)' },
  saveDraft: {
    de: 'Als Entwurf speichern (nur für Ihre Organisation sichtbar)',
    en: 'Save as a draft (visible to your organization only)',
  },
  submit: { de: 'Melden', en: 'Report' },
  fixErrors: { de: 'Bitte prüfen Sie die markierten Felder.', en: 'Please check the marked fields.' },
  missing: { de: 'Noch fehlende Angaben', en: 'Still missing' },
  timeline: { de: 'Verlauf', en: 'Timeline' },
  deadlines: { de: 'Fristen', en: 'Clocks' },
  facts: { de: 'Angaben', en: 'Facts' },
  calendarFeed: {
    de: 'Kalender-Abo Ihrer Fristen (geheime Adresse, nicht weitergeben)',
    en: 'Calendar subscription for your clocks (secret address, do not share)',
  },
  settings: { de: 'Einstellungen', en: 'Settings' },
  language: { de: 'Sprache', en: 'Language' },
  timeZone: { de: 'Zeitzone', en: 'Time zone' },
  timeZoneHelp: {
    de: 'Alle Zeiten auf den Seiten, in E-Mails und Entwürfen werden in dieser Zeitzone gezeigt und Eingaben in ihr gelesen.',
    en: 'Pages, e-mails and drafts show every time in this zone, and times you enter are read in it.',
  },
  saved: { de: 'Gespeichert.', en: 'Saved.' },
  passwordHeading: { de: 'Passwort ändern', en: 'Change password' },
  currentPassword: { de: 'Aktuelles Passwort', en: 'Current password' },
  newPassword: { de: 'Neues Passwort (mindestens 12 Zeichen)', en: 'New password (at least 12 characters)' },
  confirmPassword: { de: 'Neues Passwort wiederholen', en: 'New password again' },
  changePassword: { de: 'Passwort ändern', en: 'Change password' },
  passwordChanged: {
    de: 'Passwort geändert. Ihre anderen Sitzungen wurden abgemeldet.',
    en: 'Password changed. Your other sessions were signed out.',
  },
  moreClocks: {
    de: 'Gezeigt werden die 200 nächsten Fristen; es gibt weitere. Grenzen Sie mit den Filtern ein, oder nutzen Sie das Register bzw. die API.',
    en: 'These are the 200 soonest clocks; there are more. Narrow them with the filters, or use the register or the API.',
  },
  renewFeed: { de: 'Neue Adresse erzeugen', en: 'Make a new address' },
  renewFeedHelp: { de: 'Die bisherige Adresse funktioniert danach nicht mehr.', en: 'The old address stops working.' },
  dpcCategory: { de: 'Datenkategorie (DPC)', en: 'Data category (DPC)' },
  dpcScore: {
    de: 'Punktwert 1–4 (optional; Abweichung vom Grundwert braucht eine Begründung)',
    en: 'Score 1–4 (optional; other than the base needs a reason)',
  },
  dpcReason: { de: 'Begründung des Punktwerts', en: 'Reason for the score' },
  ease: { de: 'Identifizierbarkeit', en: 'Ease of identification' },
  confidentialityLoss: { de: 'Vertraulichkeit', en: 'Confidentiality' },
  integrityLoss: { de: 'Integrität', en: 'Integrity' },
  availabilityLoss: { de: 'Verfügbarkeit', en: 'Availability' },
  malicious: { de: 'Böswillige Absicht', en: 'Malicious intent' },
  unintelligible: { de: 'Daten unverständlich (Verschlüsselung, Schlüssel sicher)', en: 'Data unintelligible (encryption, key safe)' },
  trusted: { de: 'Vertrauenswürdiger Empfänger hat gelöscht', en: 'Trusted recipient confirmed deletion' },
  removed: { de: 'Maßnahmen beseitigen das hohe Risiko (Art. 34 Abs. 3 lit. b)', en: 'Measures removed the high risk (Art. 34(3)(b))' },
  factDiscovered: { de: 'Entdeckt', en: 'Discovered' },
  factOccurred: { de: 'Geschehen', en: 'Occurred' },
  factReported: { de: 'Dem Verantwortlichen gemeldet', en: 'Reported to the controller' },
  factAware: { de: 'Verantwortlicher weiß davon seit', en: 'Controller aware since' },
  factContact: { de: 'Ansprechpartner', en: 'Contact' },
  notKnown: { de: 'noch nicht bekannt', en: 'not known yet' },
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
  band_ok: { de: 'mehr als 24 Stunden', en: 'more than 24 hours' },
  band_soon: { de: 'höchstens 24 Stunden', en: '24 hours or less' },
  band_urgent: { de: 'höchstens 4 Stunden', en: '4 hours or less' },
  band_overdue: { de: 'überschritten', en: 'overdue' },
  all: { de: 'alle', en: 'all' },
  filter: { de: 'Filtern', en: 'Filter' },
  dueWithin: { de: 'Fällig innerhalb', en: 'Due within' },
  urgency: { de: 'Dringlichkeit', en: 'Urgency' },
  missingCount: { de: 'Fehlende Angaben', en: 'Missing items' },
  myReports: { de: 'Ihre Meldungen', en: 'Your reports' },
  authoritiesNav: { de: 'Aufsichtsbehörden', en: 'Authorities' },
  registerNav: { de: 'Dokumentation', en: 'Register' },
  drafts: { de: 'Entwürfe', en: 'Drafts' },
  copy: { de: 'Text kopieren', en: 'Copy text' },
  copied: { de: 'Text in die Zwischenablage kopiert.', en: 'Text copied to the clipboard.' },
  copyFailed: {
    de: 'Kopieren nicht möglich: bitte die Vorschau öffnen und den Text markieren.',
    en: 'Could not copy: open the preview and select the text.',
  },
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
  reasonsHelp: {
    de: 'Pflicht, wenn nicht gemeldet wird oder von der Empfehlung abgewichen wird (mindestens 20 Zeichen).',
    en: 'Required when not notifying or departing from the recommendation (at least 20 characters).',
  },
  yes: { de: 'ja', en: 'yes' },
  late: { de: 'verspätet', en: 'late' },
  liveScore: { de: 'Ergebnis der Eingaben', en: 'Result of these inputs' },
  liveScoreHelp: {
    de: 'Punktwert und Empfehlung erscheinen hier beim Ausfüllen (mit JavaScript) oder nach dem Speichern.',
    en: 'The score and recommendation appear here as you fill in the form (with JavaScript) or after saving.',
  },
  no: { de: 'nein', en: 'no' },
  exemption: { de: 'Ausnahme nach Art. 34 Abs. 3', en: 'Exemption under Art. 34(3)' },
} as const;

// The values the pages show, in words (the API keeps the codes).
export const STATUS_WORDS: Record<string, { de: string; en: string }> = {
  draft: { de: 'Entwurf', en: 'draft' },
  reported: { de: 'gemeldet', en: 'reported' },
  triage: { de: 'in Prüfung', en: 'in triage' },
  assessed: { de: 'bewertet', en: 'assessed' },
  notified: { de: 'an die Aufsichtsbehörde gemeldet', en: 'authority notified' },
  not_notifiable: { de: 'nicht meldepflichtig', en: 'not notifiable' },
  not_a_breach: { de: 'keine Verletzung des Schutzes personenbezogener Daten', en: 'not a personal data breach' },
  closed: { de: 'abgeschlossen', en: 'closed' },
};

export const CLOCK_STATE_WORDS: Record<string, { de: string; en: string }> = {
  running: { de: 'läuft', en: 'running' },
  overdue: { de: 'überschritten', en: 'overdue' },
  met: { de: 'fristgerecht erfüllt', en: 'met in time' },
  late: { de: 'verspätet erfüllt', en: 'met late' },
  stopped: { de: 'beendet (keine Meldung nötig)', en: 'stopped (no notification needed)' },
  // A clock stopped because the incident is not a personal-data breach: the same state, its own words.
  stopped_not_a_breach: {
    de: 'beendet (keine Verletzung des Schutzes personenbezogener Daten)',
    en: 'stopped (not a personal data breach)',
  },
};

export const SEVERITY_WORDS: Record<string, { de: string; en: string }> = {
  low: { de: 'niedrig', en: 'low' },
  medium: { de: 'mittel', en: 'medium' },
  high: { de: 'hoch', en: 'high' },
  very_high: { de: 'sehr hoch', en: 'very high' },
};

export const NOTIFICATION_KIND_WORDS: Record<string, { de: string; en: string }> = {
  authority_initial: { de: 'Meldung an die Aufsichtsbehörde (Art. 33)', en: 'notification to the supervisory authority (Art. 33)' },
  authority_followup: {
    de: 'Nachmeldung an die Aufsichtsbehörde (Art. 33 Abs. 4)',
    en: 'follow-up to the supervisory authority (Art. 33(4))',
  },
  data_subjects: { de: 'Benachrichtigung der betroffenen Personen (Art. 34)', en: 'communication to the data subjects (Art. 34)' },
  public_communication: { de: 'öffentliche Bekanntmachung (Art. 34 Abs. 3 lit. c)', en: 'public communication (Art. 34(3)(c))' },
  processor_to_controller: {
    de: 'Meldung des Auftragsverarbeiters an den Verantwortlichen (Art. 33 Abs. 2)',
    en: "processor's notice to the controller (Art. 33(2))",
  },
};

// The ENISA method's choices (ENISA 2013, regulatory.md §6) and the Art. 34(3) exemptions.
export const ASSESSMENT_OPTION_WORDS: Record<string, { de: string; en: string }> = {
  simple: { de: 'einfache Daten (z. B. Name, Kontaktdaten)', en: 'simple data (e.g. name, contact details)' },
  behavioural: { de: 'Verhaltensdaten (z. B. Standort, Gewohnheiten)', en: 'behavioural data (e.g. location, habits)' },
  financial: { de: 'Finanzdaten', en: 'financial data' },
  sensitive: { de: 'sensible Daten (z. B. Gesundheit, Art. 9)', en: 'sensitive data (e.g. health, Art. 9)' },
  negligible: { de: 'vernachlässigbar', en: 'negligible' },
  limited: { de: 'begrenzt', en: 'limited' },
  significant: { de: 'erheblich', en: 'significant' },
  maximum: { de: 'maximal (Person unmittelbar erkennbar)', en: 'maximum (person directly identifiable)' },
  not_affected: { de: 'nicht betroffen', en: 'not affected' },
  no_evidence_of_misuse: { de: 'möglicherweise offengelegt, kein Hinweis auf Missbrauch', en: 'possibly exposed, no evidence of misuse' },
  known_recipients: { de: 'einer bekannten Zahl von Empfängern offengelegt', en: 'disclosed to a known number of recipients' },
  unknown_recipients: { de: 'einer unbekannten Zahl von Empfängern offengelegt', en: 'disclosed to an unknown number of recipients' },
  altered_not_misused: { de: 'verändert, aber nicht missbräuchlich verwendet', en: 'altered, not used unlawfully' },
  recoverable: { de: 'verändert, wiederherstellbar', en: 'altered, recoverable' },
  not_recoverable: { de: 'verändert, nicht wiederherstellbar', en: 'altered, not recoverable' },
  recoverable_without_difficulty: { de: 'ohne Schwierigkeiten wiederherstellbar', en: 'recoverable without difficulty' },
  temporary: { de: 'vorübergehend nicht verfügbar', en: 'temporarily unavailable' },
  permanent: { de: 'dauerhaft nicht verfügbar', en: 'permanently unavailable' },
  '34(3)(a)': {
    de: 'Art. 34 Abs. 3 lit. a: Daten unverständlich (z. B. verschlüsselt)',
    en: 'Art. 34(3)(a): data unintelligible (e.g. encrypted)',
  },
  '34(3)(b)': {
    de: 'Art. 34 Abs. 3 lit. b: Maßnahmen beseitigen das hohe Risiko',
    en: 'Art. 34(3)(b): later measures remove the high risk',
  },
  '34(3)(c)': {
    de: 'Art. 34 Abs. 3 lit. c: unverhältnismäßiger Aufwand, öffentliche Bekanntmachung',
    en: 'Art. 34(3)(c): disproportionate effort, public communication instead',
  },
  de_bdsg_29_1: { de: '§ 29 Abs. 1 BDSG: Geheimhaltungspflicht', en: '§ 29(1) BDSG: duty of secrecy' },
};

// The drafts the incident page offers, by their address under /incidents/:id/drafts/.
export const DRAFT_WORDS: Record<string, { de: string; en: string }> = {
  authority: { de: 'Meldung an die Aufsichtsbehörde (Art. 33)', en: 'Notification to the supervisory authority (Art. 33)' },
  'authority-followup': {
    de: 'Nachmeldung an die Aufsichtsbehörde (Art. 33 Abs. 4)',
    en: 'Follow-up to the supervisory authority (Art. 33(4))',
  },
  'data-subjects': { de: 'Benachrichtigung der betroffenen Personen (Art. 34)', en: 'Communication to the people affected (Art. 34)' },
  'public-communication': { de: 'Öffentliche Bekanntmachung (Art. 34 Abs. 3 lit. c)', en: 'Public communication (Art. 34(3)(c))' },
  'processor-report': { de: 'Meldung des Auftragsverarbeiters an den Verantwortlichen', en: "The processor's report to the controller" },
};

// What the audit trail's actions mean, for the incident's timeline.
export const AUDIT_ACTION_WORDS: Record<string, { de: string; en: string }> = {
  'incident.drafted': { de: 'Entwurf angelegt', en: 'draft created' },
  'incident.reported': { de: 'Verletzung gemeldet', en: 'breach reported' },
  'incident.submitted': { de: 'Entwurf abgeschickt', en: 'draft submitted' },
  'incident.updated': { de: 'Angaben ergänzt', en: 'facts added' },
  'incident.status_changed': { de: 'Status geändert', en: 'status changed' },
  'assessment.recorded': { de: 'Risiko bewertet', en: 'risk assessed' },
  'decision.recorded': { de: 'Entscheidung getroffen', en: 'decision recorded' },
  'notification.recorded': { de: 'Meldung festgehalten', en: 'notification recorded' },
  'deadline.acknowledged': { de: 'Warnung zur Kenntnis genommen', en: 'warning acknowledged' },
  'escalation.requeued': { de: 'Warnung erneut eingeplant', en: 'warning requeued' },
};

// A code in words; an unknown code is shown as it is rather than hidden.
export function say(words: Record<string, { de: string; en: string }>, code: string, lang: Lang): string {
  return words[code]?.[lang] ?? code;
}

// A score as its readers write numbers: 3,5 in German, 3.5 in English.
export function decimal(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 });
}

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
