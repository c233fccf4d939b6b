import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '../../platform/validation/is-instant';
import { IncidentFieldsDto } from './incident-fields.dto';

export class CreateIncidentDto extends IncidentFieldsDto {
  // The DPA the report is filed under. Required for processor staff.
  @IsOptional()
  @IsUUID()
  contractId?: string;

  // Processor staff only: keep the report inside the processor's organization until submitted.
  @IsOptional()
  @IsBoolean()
  draft?: boolean;

  // Controller DPOs filing what a processor told them: when the processor told them.
  @IsOptional()
  @IsInstant()
  reportedToControllerAt?: string;
}
