import { Matches } from 'class-validator';

// The period of a register bundle; whether the dates exist and fit together is readPeriod's check.
export class RegisterEvidenceQuery {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  from: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  to: string;
}
