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
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

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
  @IsIn(['de', 'en'])
  locale?: 'de' | 'en';
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
}
