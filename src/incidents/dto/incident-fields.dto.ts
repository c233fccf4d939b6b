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
} from 'class-validator';
import { NestedObject } from '../../platform/validation/nested-object';
import { IsInstant } from '../../platform/validation/is-instant';
import { BREACH_CAUSES, BREACH_TYPES, BreachCause, BreachType, SPECIAL_CATEGORIES, SpecialCategory } from '../domain/incident-facts';

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
}
