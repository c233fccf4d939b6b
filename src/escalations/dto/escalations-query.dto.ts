import { IsIn, IsOptional } from 'class-validator';
import { ESCALATION_STATUSES, EscalationStatus } from '../escalation.entity';

export class EscalationsQuery {
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: EscalationStatus;
}
