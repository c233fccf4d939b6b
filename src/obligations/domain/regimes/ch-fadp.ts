import { EXACT_HOURS, RegimeEntry } from '../regime-entry';

// revFADP Art. 24: only for a likely high risk, "as soon as possible", no hours. While the risk is
// not assessed the duty is shown as provisional (open, no deadline); an assessment without high
// risk (or a decision not to notify) waives it.
export const CH_FADP_NOTIFY_AUTHORITY: RegimeEntry = {
  regime: 'ch_fadp',
  duty: 'notify_authority',
  title: { en: 'Report to the FDPIC', de: 'Meldung an den EDÖB' },
  appliesWhen: [
    { fact: 'submitted' },
    { fact: 'territory', territory: 'CH' },
    { fact: 'authority_not_declined' },
    {
      fact: 'high_risk_not_excluded',
      provisional: 'only if the breach is likely to result in a high risk (revFADP Art. 24(1)); the risk is not assessed yet',
    },
  ],
  anchor: { event: 'controller_aware' },
  period: { kind: 'none' },
  calendar: EXACT_HOURS,
  recipient: { kind: 'authority', from: 'authority', authorityId: 'ch' },
  legalBasis: 'Art. 24(1) Federal Act on Data Protection (revFADP, SR 235.1); Art. 15 Data Protection Ordinance',
  quote: {
    text: 'The controller shall notify the FDPIC as soon as possible of a data security breach that is likely to result in a high risk to the personality or the fundamental rights of the data subject.',
    source:
      'FADP Art. 24(1), English translation of the Federal Chancellery, https://www.fedlex.admin.ch/eli/cc/2022/491/en [S: re-verify]',
  },
  dueRule: {
    en: 'as soon as possible after the controller became aware, only for a likely high risk; no fixed deadline',
    de: 'so rasch als möglich nach Kenntnis des Verantwortlichen, nur bei voraussichtlich hohem Risiko; keine feste Frist',
  },
  lateNeedsReasons: false,
};
