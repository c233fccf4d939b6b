import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { LOCALES, Locale } from '../user.entity';
import {
  NIS2_CLASSES,
  Nis2Class,
  ORGANIZATION_KINDS,
  OrganizationKind,
  PUBLIC_LEVELS,
  PublicLevel,
  SECTORS,
  Sector,
} from '../organization.entity';

export class CreateOrganizationDto {
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'must be 2–63 lower-case letters, digits or hyphens' })
  slug: string;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as DE' })
  country: string;

  @IsOptional()
  @IsString()
  region?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  address?: string;

  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  // Public bodies only: federal or state (a Land or a municipality). Required for German public bodies.
  @IsOptional()
  @IsIn(PUBLIC_LEVELS)
  publicLevel?: PublicLevel;

  // A provider of publicly available electronic communications services.
  @IsOptional()
  @IsBoolean()
  telecom?: boolean;

  // A provider of postal services.
  @IsOptional()
  @IsBoolean()
  postal?: boolean;

  // An essential or important entity under NIS2 (its significant incidents go to the CSIRT).
  @IsOptional()
  @IsIn(NIS2_CLASSES)
  nis2?: Nis2Class;

  // A financial entity under DORA (its major ICT-related incidents go to its competent authority).
  @IsOptional()
  @IsBoolean()
  dora?: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  dpoName?: string;

  @IsOptional()
  @IsEmail()
  dpoEmail?: string;

  @IsOptional()
  @IsString()
  @Length(3, 50)
  dpoPhone?: string;

  @IsOptional()
  @IsString()
  timeZone?: string;

  // The language of its users until they choose their own; default from the country.
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  // An id from the authorities directory, when the organization notifies another authority than
  // the rules would pick (e.g. agreed lead authority); recorded with the organization.
  @IsOptional()
  @IsString()
  @Length(1, 50)
  authorityOverrideId?: string;
}
