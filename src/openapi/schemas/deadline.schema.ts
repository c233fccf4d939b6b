import type { DutyKind } from '../../obligations/domain/open-duties';
import type { Duty, ObligationState, Regime } from '../../obligations/domain';
import { RecipientSchema } from './obligation.schema';

// One open obligation of GET /deadlines (deadlines/dto/open-duty.response.ts); schemas.spec.ts holds it
// to the mapper, the e2e test validates real answers.
export class DeadlineSchema {
  id: string;
  incidentId: string;
  reference: string;
  title: string;
  status: string;
  kind: DutyKind;
  regime: Regime;
  duty: Duty;
  dutyTitle: string;
  recipient: RecipientSchema;
  legalBasis: string;
  dueRule: string;
  startsAt: string;
  // The same instant as startsAt, for clients of the two clocks.
  startedAt: string;
  // Null for a duty without a fixed deadline (state `open`), listed after the others with openSince.
  dueAt: string | null;
  dueAtLocal: string | null;
  secondsLeft: number | null;
  state: ObligationState;
  openSince: string | null;
}

export class DeadlineListSchema {
  items: DeadlineSchema[];
}
