import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsInstant } from '../../platform/validation/is-instant';

// POST /api/v1/tokens and `token create`. Without an expiry the token lives until it is revoked.
export class CreateApiTokenDto {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  // "90d" or "12h": from 1 hour to 3650 days.
  @IsOptional()
  @Matches(/^\d{1,5}[hd]$/, { message: 'must be a number of hours or days, e.g. 90d or 12h' })
  expiresIn?: string;

  @IsOptional()
  @IsInstant()
  expiresAt?: string;

  // Org admins only: a token for another user of their organization (e.g. an integration's user).
  @IsOptional()
  @IsUUID()
  userId?: string;
}
