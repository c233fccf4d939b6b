import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { NIS2_CLASSES, PUBLIC_LEVELS, PublicLevel, SECTORS, Sector } from '../organization.entity';

// "none": neither an essential nor an important entity under NIS2 (stored as null).
export const NIS2_SETTINGS = [...NIS2_CLASSES, 'none'] as const;
export type Nis2Setting = (typeof NIS2_SETTINGS)[number];

// A field that may be left out but, when given, may not be null.
const given = (field: string) => ValidateIf((o: Record<string, unknown>) => o[field] !== undefined);

// PATCH /api/v1/organization (org admins; `breachclock org update`): the fields given change, the
// others stay. null clears an optional fact (address, region, public level, the DPO's contact).
// Country, region, sector and public level are checked together with the stored values.
export class UpdateOrganizationDto {
  @given('name')
  @IsString()
  @Length(1, 300)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  address?: string | null;

  @given('country')
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as DE' })
  country?: string;

  // ISO 3166-2 (DE-HE); null: none.
  @IsOptional()
  @IsString()
  @MaxLength(10)
  region?: string | null;

  @given('sector')
  @IsIn(SECTORS)
  sector?: Sector;

  // Public bodies only: federal, or state (a Land or a municipality); null for private bodies.
  @IsOptional()
  @IsIn(PUBLIC_LEVELS)
  publicLevel?: PublicLevel | null;

  // An essential or important entity under NIS2, or none (its significant incidents go to the CSIRT).
  @given('nis2')
  @IsIn(NIS2_SETTINGS)
  nis2?: Nis2Setting;

  // A financial entity under DORA (its major ICT-related incidents go to its competent authority).
  @given('dora')
  @IsBoolean()
  dora?: boolean;

  // A provider of publicly available electronic communications services (ePrivacy duties; BfDI in Germany).
  @given('telecom')
  @IsBoolean()
  telecom?: boolean;

  // A provider of postal services (BfDI in Germany).
  @given('postal')
  @IsBoolean()
  postal?: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  dpoName?: string | null;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  dpoEmail?: string | null;

  @IsOptional()
  @IsString()
  @Length(3, 50)
  dpoPhone?: string | null;
}
