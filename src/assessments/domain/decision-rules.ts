import { MIN_REASON_LENGTH, Recommendation, SubjectsExemption } from './enisa-severity';

// What a decision must carry to be defensible (Art. 33(1), 33(5), 34(3); regulatory.md §9.2).
// Pure: no Nest, no TypeORM.

export interface DecisionInput {
  notifyAuthority: boolean;
  authorityReason?: string;
  notifySubjects: boolean;
  subjectsExemption?: SubjectsExemption;
  subjectsReason?: string;
  publicCommunication?: { channel: string; publishedAt: string; text: string };
}

const meaningful = (text: string | undefined) => (text ?? '').trim().length >= MIN_REASON_LENGTH;
const need = `is required: at least ${MIN_REASON_LENGTH} characters after trimming`;

export function decisionProblems(d: DecisionInput, rec: Recommendation, controllerCountry: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  // A likely high risk (Art. 34(1)) always includes a risk (Art. 33(1)): telling the people but not
  // the authority is not a decision the law allows.
  if (d.notifySubjects && !d.notifyAuthority) {
    problems.push({
      path: 'notifyAuthority',
      message:
        'must be true when the people are told: a high risk to them (Art. 34(1)) is always a risk the authority is notified of (Art. 33(1))',
    });
  }
  const departsAuthority = d.notifyAuthority !== rec.notifyAuthority;
  const departsSubjects = d.notifySubjects !== rec.notifySubjects;

  // A reason whenever the authority is not told, and whenever the decision departs from the recommendation.
  if ((!d.notifyAuthority || departsAuthority) && !meaningful(d.authorityReason)) {
    problems.push({
      path: 'authorityReason',
      message: `${need} (${!d.notifyAuthority ? 'the authority is not notified' : 'the decision departs from the recommendation'})`,
    });
  }
  if ((!d.notifySubjects || departsSubjects) && !meaningful(d.subjectsReason)) {
    problems.push({
      path: 'subjectsReason',
      message: `${need} (${!d.notifySubjects ? 'the people are not told' : 'the decision departs from the recommendation'})`,
    });
  }

  if (d.notifySubjects && d.subjectsExemption) {
    problems.push({ path: 'subjectsExemption', message: 'must be absent when the people are told' });
  }
  // Not telling the people despite a likely high risk needs a legal ground (Art. 34(3), § 29(1) BDSG).
  if (!d.notifySubjects && rec.notifySubjects && !d.subjectsExemption) {
    problems.push({
      path: 'subjectsExemption',
      message: 'is required: a high risk is likely, so name the ground: 34(3)(a), 34(3)(b), 34(3)(c) or (Germany) de_bdsg_29_1',
    });
  }
  if (d.subjectsExemption === 'de_bdsg_29_1' && controllerCountry !== 'DE') {
    problems.push({ path: 'subjectsExemption', message: 'de_bdsg_29_1 (§ 29(1) BDSG) applies only to controllers in Germany' });
  }
  // 34(3)(c) is not a "no": individual notices are replaced by a public communication, which must be recorded.
  if (d.subjectsExemption === '34(3)(c)' && !d.publicCommunication) {
    problems.push({ path: 'publicCommunication', message: 'is required with 34(3)(c): record where, when and what was published' });
  }
  if (d.publicCommunication && d.subjectsExemption !== '34(3)(c)') {
    problems.push({ path: 'publicCommunication', message: 'belongs only to subjectsExemption 34(3)(c)' });
  }
  return problems;
}

export function followsRecommendation(d: DecisionInput, rec: Recommendation): boolean {
  return d.notifyAuthority === rec.notifyAuthority && d.notifySubjects === rec.notifySubjects;
}
