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
