import { Controller, Get, Param, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ValidationError, errorFamily } from '../platform/http/domain-error';
import { AuthoritiesService } from './authorities.service';
import { Authority } from './domain/authority';

enum AuthorityErrorCode {
  NotFound = 'authority.not_found',
}

class AuthorityError extends errorFamily<AuthorityErrorCode>({ [AuthorityErrorCode.NotFound]: 'not_found' }) {}

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

export function toAuthorityResponse(a: Authority) {
  return {
    id: a.id,
    country: a.country,
    region: a.region,
    regionCode: a.region_code,
    name: a.name_local,
    nameEn: a.name_en,
    abbreviation: a.abbreviation,
    postalAddress: a.postal_address,
    email: a.email,
    website: a.website,
    breachInfoUrl: a.breach_info_url,
    breachFormUrl: a.breach_form_url,
    breachFormUrlStatus: a.breach_form_url_status,
    breachSubmissionChannel: a.breach_submission_channel,
    sectorScope: a.sector_scope,
    notificationLanguages: a.notification_languages,
    sources: a.sources,
    notes: a.notes,
  };
}

@Controller('api/v1/authorities')
export class AuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @Get()
  list(@Query() query: AuthoritiesQuery) {
    return { items: this.authorities.list(query.q).map(toAuthorityResponse) };
  }

  // The competent authority for a controller: Land authority in Germany (Bavaria by sector),
  // the national one elsewhere in the EU/EEA, the ICO for GB, the FDPIC for CH.
  @Get('resolve')
  resolve(@Query() query: ResolveQuery) {
    const r = this.authorities.resolve({
      country: query.country.toUpperCase(),
      region: query.region?.toUpperCase() ?? null,
      sector: query.sector ?? 'private',
      publicLevel: query.publicLevel ?? null,
      telecom: query.telecom === 'true',
      postal: query.postal === 'true',
    });
    if (!r.ok) throw new ValidationError([{ path: r.path, message: r.message }]);
    return { authority: toAuthorityResponse(r.authority), rule: r.rule };
  }

  @Get(':id')
  get(@Param('id') id: string) {
    const authority = this.authorities.get(id);
    if (!authority) throw new AuthorityError(AuthorityErrorCode.NotFound, `No authority ${id}.`);
    return toAuthorityResponse(authority);
  }
}
