import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AVAILABILITY,
  Availability,
  CONFIDENTIALITY,
  Confidentiality,
  DATA_CATEGORY_KINDS,
  DataCategoryKind,
  EASE_OF_IDENTIFICATION,
  EaseOfIdentification,
  INTEGRITY,
  Integrity,
} from '../domain/enisa-severity';

export class DataCategoryScoreDto {
  @IsIn(DATA_CATEGORY_KINDS)
  category: DataCategoryKind;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  score?: number;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

// PUT /incidents/:id/assessment: the ENISA inputs (regulatory.md §6) and the mitigating facts.
export class AssessmentDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DataCategoryScoreDto)
  dataCategories: DataCategoryScoreDto[];

  @IsIn(EASE_OF_IDENTIFICATION)
  easeOfIdentification: EaseOfIdentification;

  @IsIn(CONFIDENTIALITY)
  confidentiality: Confidentiality;

  @IsIn(INTEGRITY)
  integrity: Integrity;

  @IsIn(AVAILABILITY)
  availability: Availability;

  @IsBoolean()
  maliciousIntent: boolean;

  @IsOptional()
  @IsBoolean()
  unintelligible?: boolean;

  @IsOptional()
  @IsBoolean()
  recipientTrustedAndDeleted?: boolean;

  @IsOptional()
  @IsBoolean()
  highRiskRemovedByMeasures?: boolean;
}
