import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { NestedObject } from '../../platform/validation/nested-object';
import { IsInstant } from '../../platform/validation/is-instant';
import {
  BREACH_CAUSES,
  BREACH_TYPES,
  BreachCause,
  BreachType,
  ENCRYPTION_LEVELS,
  EncryptionLevel,
  SPECIAL_CATEGORIES,
  SpecialCategory,
} from '../domain/incident-facts';

// Present means "set it"; null means "not known (any more)"; absent means "leave as it is".
const present = (field: string) => ValidateIf((o: Record<string, unknown>) => o[field] !== undefined);
const presentNotNull = (field: string) => ValidateIf((o: Record<string, unknown>) => o[field] !== undefined && o[field] !== null);

export class NatureDto {
  @present('description')
  @IsString()
  @Length(1, 20_000)
  description?: string;

  @presentNotNull('types')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(BREACH_TYPES, { each: true })
  types?: BreachType[] | null;

  @presentNotNull('cause')
  @IsIn(BREACH_CAUSES)
  cause?: BreachCause | null;
}

export class CountDto {
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  count: number;

  @IsBoolean()
  isEstimate: boolean;
}

export class ContactDto {
  @IsString()
  @Length(1, 300)
  name: string;

  @IsEmail()
  email: string;

  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()/.-]{3,40}$/, { message: 'must be a phone number such as +49 6071 123456' })
  phone?: string;
}

const TEXT = 20_000;

// Who fills in the report for the organization (BW, NI, RP, BE, AP, ICO forms ask name and role).
export class ReporterDto {
  @IsString()
  @Length(1, 300)
  name: string;

  @IsString()
  @Length(1, 300)
  role: string;
}

// The protection of the data before the breach (AP section 6, NI section 6, ICO).
export class SecurityBeforeDto {
  @IsIn(ENCRYPTION_LEVELS)
  encryption: EncryptionLevel;

  @IsOptional()
  @IsString()
  @Length(1, TEXT)
  description?: string;
}

// Another body told of the breach: the police, the BSI or a CSIRT, another regulator (RP, ICO).
export class AuthorityInformedDto {
  @IsString()
  @Length(1, 300)
  name: string;

  @IsInstant()
  at: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  reference?: string;
}

// The facts of a breach report (design.md §1, Art. 33(3) and the seed DPAs' §8). Shared by
// POST (create) and PATCH (follow-up facts).
export class IncidentFieldsDto {
  @present('title')
  @IsString()
  @Length(1, 300)
  title?: string;

  @present('nature')
  @NestedObject(() => NatureDto)
  nature?: NatureDto;

  @presentNotNull('occurredAt')
  @IsInstant()
  occurredAt?: string | null;

  @presentNotNull('occurredFrom')
  @IsInstant()
  occurredFrom?: string | null;

  @presentNotNull('occurredUntil')
  @IsInstant()
  occurredUntil?: string | null;

  @present('discoveredAt')
  @IsInstant()
  discoveredAt?: string;

  @present('controllerAwareAt')
  @IsInstant()
  controllerAwareAt?: string;

  @presentNotNull('dataCategories')
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  dataCategories?: string[] | null;

  @presentNotNull('specialCategories')
  @IsArray()
  @ArrayUnique()
  @IsIn(SPECIAL_CATEGORIES, { each: true })
  specialCategories?: SpecialCategory[] | null;

  @presentNotNull('subjectCategories')
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  subjectCategories?: string[] | null;

  @presentNotNull('approximateSubjects')
  @NestedObject(() => CountDto)
  approximateSubjects?: CountDto | null;

  @presentNotNull('approximateRecords')
  @NestedObject(() => CountDto)
  approximateRecords?: CountDto | null;

  @presentNotNull('contact')
  @NestedObject(() => ContactDto)
  contact?: ContactDto | null;

  @presentNotNull('likelyConsequences')
  @IsString()
  @Length(1, TEXT)
  likelyConsequences?: string | null;

  @presentNotNull('measuresTaken')
  @IsString()
  @Length(1, TEXT)
  measuresTaken?: string | null;

  @presentNotNull('measuresProposed')
  @IsString()
  @Length(1, TEXT)
  measuresProposed?: string | null;

  @presentNotNull('subProcessor')
  @IsString()
  @Length(1, 300)
  subProcessor?: string | null;

  @presentNotNull('affectedCountries')
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each must be an ISO 3166-1 alpha-2 code such as DE' })
  affectedCountries?: string[] | null;

  // The facts the authorities' forms ask beyond Art. 33(3) (docs/decisions.md, "Intake facts of
  // the authorities' forms"); all optional (Art. 33(4)), null = not known.
  @presentNotNull('reporter')
  @NestedObject(() => ReporterDto)
  reporter?: ReporterDto | null;

  @presentNotNull('discoveryMethod')
  @IsString()
  @Length(1, TEXT)
  discoveryMethod?: string | null;

  @presentNotNull('ongoing')
  @IsBoolean()
  ongoing?: boolean | null;

  @presentNotNull('containedAt')
  @IsInstant()
  containedAt?: string | null;

  @presentNotNull('securityBefore')
  @NestedObject(() => SecurityBeforeDto)
  securityBefore?: SecurityBeforeDto | null;

  @presentNotNull('consequencesMaterialised')
  @IsString()
  @Length(1, TEXT)
  consequencesMaterialised?: string | null;

  @presentNotNull('vulnerableSubjects')
  @IsBoolean()
  vulnerableSubjects?: boolean | null;

  // [] = no other body was told; null = not known.
  @presentNotNull('otherAuthoritiesInformed')
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AuthorityInformedDto)
  otherAuthoritiesInformed?: AuthorityInformedDto[] | null;
}
