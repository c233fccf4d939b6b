import { AssessmentDto } from '../assessments/dto/assessment.dto';
import { validateInput } from '../platform/validation/validate';

// The incident page's assessment form (one data category, checkboxes sent as "true") as the API's
// AssessmentDto, validated the same way; 400 naming the field otherwise.
export function assessmentInput(body: Record<string, unknown> | undefined): AssessmentDto {
  const b = body ?? {};
  const score = typeof b.score === 'string' && b.score !== '' ? Number(b.score) : undefined;
  return validateInput(AssessmentDto, {
    dataCategories: [{ category: b.category, ...(score !== undefined ? { score } : {}), ...(typeof b.scoreReason === 'string' && b.scoreReason.trim() ? { reason: b.scoreReason } : {}) }],
    easeOfIdentification: b.easeOfIdentification,
    confidentiality: b.confidentiality,
    integrity: b.integrity,
    availability: b.availability,
    maliciousIntent: b.maliciousIntent === 'true',
    unintelligible: b.unintelligible === 'true',
    recipientTrustedAndDeleted: b.recipientTrustedAndDeleted === 'true',
    highRiskRemovedByMeasures: b.highRiskRemovedByMeasures === 'true',
  });
}
