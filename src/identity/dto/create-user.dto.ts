import { IsEmail, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LOCALES, Locale, ROLES, Role } from '../user.entity';

export class CreateUserDto {
  @IsString()
  organizationSlug: string;

  @IsEmail()
  email: string;

  @IsIn(ROLES)
  role: Role;

  // At least 12 characters; optional for users who only use API tokens.
  @IsOptional()
  @IsString()
  @Length(12, 1024)
  password?: string;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @IsOptional()
  @IsString()
  timeZone?: string;
}
