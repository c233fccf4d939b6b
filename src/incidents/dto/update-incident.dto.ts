import { IsOptional, IsString, Length } from 'class-validator';
import { IncidentFieldsDto } from './incident-fields.dto';

export class UpdateIncidentDto extends IncidentFieldsDto {
  // Why the facts changed; required when controllerAwareAt moves (regulatory.md §9.1 item 2).
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
