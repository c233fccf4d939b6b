import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { NestedObject } from '../../platform/validation/nested-object';
import { Lang, LANGS } from '../../i18n';

export class SubProcessorDto {
  @IsString()
  @Length(1, 300)
  name: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  address?: string;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  service?: string;
}

export class EscalationContactDto {
  @IsString()
  @Length(1, 300)
  name: string;

  @IsEmail()
  email: string;

  @IsOptional()
  @IsIn(LANGS)
  locale?: Lang;
}

// When to warn before each deadline and whom to add when nobody acknowledges.
export class EscalationSettingsDto {
  // "48h,24h,12h,4h,1h,0h" (m, h, d; at most 30 days; 0h is the deadline itself).
  @IsOptional()
  @Matches(/^\s*\d{1,4}[mhd](\s*,\s*\d{1,4}[mhd])*\s*$/, { message: 'must be a list such as 24h,4h,1h,0h' })
  milestones?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EscalationContactDto)
  deputies?: EscalationContactDto[];

  // Deputies join from this milestone on if nobody has acknowledged, e.g. "24h".
  @IsOptional()
  @Matches(/^\d{1,4}[mhd]$/, { message: 'must be a duration such as 24h' })
  deputiesAfter?: string;

  // Reminders of a duty without a deadline: "24h" (1h … 30d), "off", or "default" (the
  // organization's setting, else daily).
  @IsOptional()
  @Matches(/^\s*(\d{1,5}[mhd]|off|default)\s*$/, { message: 'must be an interval such as 24h, or off, or default' })
  reminders?: string;
}

export class CreateContractDto {
  @IsString()
  controllerSlug: string;

  @IsString()
  processorSlug: string;

  @IsString()
  @Length(1, 200)
  reference: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'must be a date such as 2019-09-10' })
  signedOn?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  processorNoticeHours?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataCategories?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  subjectCategories?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubProcessorDto)
  subProcessors?: SubProcessorDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EscalationContactDto)
  escalationContacts?: EscalationContactDto[];

  @IsOptional()
  @NestedObject(() => EscalationSettingsDto)
  escalation?: EscalationSettingsDto;
}

// What the processor may change of a contract it holds (the contracts page).
export class ContractTermsDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  processorNoticeHours?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubProcessorDto)
  subProcessors?: SubProcessorDto[];
}
