import type { Lang } from '../../i18n/languages';
import type { TokenStatus } from '../../identity/domain/tokens';
import type { Role } from '../../identity/user.entity';

// API tokens and users (identity/dto/*.response.ts); schemas.spec.ts holds these to the mappers.
export class UserRefSchema {
  id: string;
  email?: string;
}

export class ApiTokenSchema {
  id: string;
  name: string;
  user: UserRefSchema;
  status: TokenStatus;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class CreatedApiTokenSchema extends ApiTokenSchema {
  // The secret, shown this once (only its SHA-256 is stored).
  token: string;
}

export class ApiTokenListSchema {
  items: ApiTokenSchema[];
}

export class UserSchema {
  id: string;
  email: string;
  role: Role;
  active: boolean;
  locale: Lang;
  localeChosen: boolean;
  timeZone: string;
  hasPassword: boolean;
  createdAt: string;
}

export class UserListSchema {
  items: UserSchema[];
}
