import { SeverityInput } from '../../src/assessments/domain/enisa-severity';

// ENISA inputs for a breach that did nothing: simple data, identity obvious, nothing lost, disclosed
// or altered. Tests spread what their case changes over it.
export const NOTHING_HAPPENED: SeverityInput = {
  dataCategories: [{ category: 'simple' }],
  easeOfIdentification: 'maximum',
  confidentiality: 'not_affected',
  integrity: 'not_affected',
  availability: 'not_affected',
  maliciousIntent: false,
  unintelligible: false,
  recipientTrustedAndDeleted: false,
  highRiskRemovedByMeasures: false,
};
