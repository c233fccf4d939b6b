import { IsBoolean, IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import { LOCALES, Locale, ROLES, Role } from '../user.entity';

// POST /api/v1/users: an org admin adds a user to their own organization.
export class InviteUserDto {
  @IsEmail()
  email: string;

  @IsIn(ROLES)
  role: Role;

  // Omitted: the user follows the organization's language until they choose one.
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @IsOptional()
  @IsString()
  timeZone?: string;
}

// PATCH /api/v1/users/:id
export class UpdateUserDto {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
