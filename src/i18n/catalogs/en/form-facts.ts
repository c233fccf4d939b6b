import type { Catalog } from '../../catalog';

// The facts of the authorities' forms beyond Art. 33(3), as the drafts write them (part of the English catalog).
export const enFormFacts: Catalog['formFacts'] = {
  yesNo: { true: 'yes', false: 'no' },
  ongoing: { true: 'yes, the breach is still going on', false: 'no' },
  encryption: {
    none: 'not encrypted',
    partial: 'partly encrypted',
    full: 'fully encrypted',
  },
  informed: '{name}, informed on {at}',
  informedReference: '{name}, informed on {at} (reference {reference})',
  noneInformed: 'none',
  peopleContained: 'The breach was contained on {at}.',
  peopleEnded: 'The breach has ended.',
  peopleOngoing: 'The breach is still going on; we are working to stop it.',
};
