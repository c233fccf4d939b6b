import { User } from '../user.entity';

export function toUserResponse(u: User) {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    active: u.active,
    locale: u.locale,
    localeChosen: u.localeChosen,
    timeZone: u.timeZone,
    hasPassword: u.passwordHash !== null,
    createdAt: u.createdAt.toISOString(),
  };
}
