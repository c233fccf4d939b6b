import { Controller, Get, Param, Query } from '@nestjs/common';
import { ValidationError, errorFamily } from '../platform/http/domain-error';
import { AuthoritiesService } from './authorities.service';
import { AuthoritiesQuery, ResolveQuery } from './dto/authorities-query.dto';
import { toAuthorityResponse } from './dto/authority.response';

enum AuthorityErrorCode {
  NotFound = 'authority.not_found',
}

class AuthorityError extends errorFamily<AuthorityErrorCode>({ [AuthorityErrorCode.NotFound]: 'not_found' }) {}

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
