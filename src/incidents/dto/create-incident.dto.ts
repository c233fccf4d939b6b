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

// What a first report cannot do without: a title, what happened, and when it was discovered (the
// processor's clock starts there). Everything else may follow (Art. 33(4)).
export function requiredOnCreate(dto: IncidentFieldsDto): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (dto.title === undefined) problems.push({ path: 'title', message: 'is required' });
  if (dto.nature === undefined) problems.push({ path: 'nature', message: 'is required' });
  else if (dto.nature.description === undefined) problems.push({ path: 'nature.description', message: 'is required' });
  if (dto.discoveredAt === undefined)
    problems.push({ path: 'discoveredAt', message: 'is required: the processor clock starts at discovery' });
  return problems;
}
