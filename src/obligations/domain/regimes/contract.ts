import { EXACT_HOURS, RegimeEntry } from '../regime-entry';

// The processor's report to the controller: the GDPR gives no hours, the DPA does.
export const CONTRACT_REPORT_TO_CONTROLLER: RegimeEntry = {
  regime: 'contract',
  duty: 'report_to_controller',
  title: { en: 'Report to the controller', de: 'Meldung an den Verantwortlichen' },
  appliesWhen: [{ fact: 'contract' }],
  anchor: { event: 'discovered' },
  period: { kind: 'contract_hours' },
  calendar: EXACT_HOURS,
  recipient: { kind: 'controller' },
  legalBasis: 'Art. 33(2) GDPR; Art. 28(3)(f) GDPR; the data processing agreement',
  quote: {
    text: 'The processor shall notify the controller without undue delay after becoming aware of a personal data breach.',
    source: 'Regulation (EU) 2016/679, Art. 33(2), https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  },
  dueRule: {
    en: "the contract's notice hours after discovery, exact to the second",
    de: 'die Meldefrist des Vertrags in Stunden ab Entdeckung, sekundengenau',
  },
  // A late report to the controller is flagged but accepted without reasons (the hours are a
  // contractual term, not the law's), as before obligations existed.
  lateNeedsReasons: false,
};
