import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { MANUAL_STATUSES, ManualStatus } from '../incident-status.service';

export class ChangeStatusDto {
  // The steps a DPO takes by hand (incident-status.service.ts); not_a_breach, and the way back from
  // it to triage, need a reason of at least 20 characters.
  @IsIn(MANUAL_STATUSES)
  status: ManualStatus;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
