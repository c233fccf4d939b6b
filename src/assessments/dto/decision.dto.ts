import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { NestedObject } from '../../platform/validation/nested-object';
import { IsInstant } from '../../platform/validation/is-instant';
import { SUBJECTS_EXEMPTIONS, SubjectsExemption } from '../domain/enisa-severity';

export class PublicCommunicationDto {
  @IsString()
  @Length(1, 500)
  channel: string;

  @IsInstant()
  publishedAt: string;

  @IsString()
  @Length(1, 20_000)
  text: string;
}

// POST /incidents/:id/decision. Which reasons are required depends on the recommendation; the
// service checks that (decision-rules.ts), this only checks shapes.
export class DecisionDto {
  @IsBoolean()
  notifyAuthority: boolean;

  @IsOptional()
  @IsString()
  @Length(0, 10_000)
  authorityReason?: string;

  @IsBoolean()
  notifySubjects: boolean;

  @IsOptional()
  @IsIn(SUBJECTS_EXEMPTIONS)
  subjectsExemption?: SubjectsExemption;

  @IsOptional()
  @IsString()
  @Length(0, 10_000)
  subjectsReason?: string;

  @IsOptional()
  @NestedObject(() => PublicCommunicationDto)
  publicCommunication?: PublicCommunicationDto;
}
