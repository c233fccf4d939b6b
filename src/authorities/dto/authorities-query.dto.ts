import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class AuthoritiesQuery {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class ResolveQuery {
  @Matches(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as DE' })
  country: string;

  @IsOptional()
  @Matches(/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/, { message: 'must be an ISO 3166-2 code such as DE-HE' })
  region?: string;

  @IsOptional()
  @IsIn(['private', 'public'])
  sector?: 'private' | 'public';

  // For public bodies: federal or Land (Germany: BfDI or the Land commissioner).
  @IsOptional()
  @IsIn(['federal', 'state'])
  publicLevel?: 'federal' | 'state';

  // A provider of telecommunications or postal services (Germany: BfDI).
  @IsOptional()
  @IsIn(['true', 'false'])
  telecom?: 'true' | 'false';

  @IsOptional()
  @IsIn(['true', 'false'])
  postal?: 'true' | 'false';
}
