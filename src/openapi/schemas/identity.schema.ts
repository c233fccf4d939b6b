import type { Lang } from '../../i18n/languages';
import type { TokenStatus } from '../../identity/domain/tokens';
import type { Role } from '../../identity/user.entity';
import type { OrganizationKind, PublicLevel, Sector } from '../../identity/organization.entity';
import type { Nis2Setting } from '../../identity/dto/update-organization.dto';

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

// GET and PATCH /api/v1/organization (identity/dto/organization.response.ts).
export class OrganizationSchema {
  id: string;
  slug: string;
  name: string;
  kind: OrganizationKind;
  address: string | null;
  // ISO 3166-1 alpha-2
  country: string;
  // ISO 3166-2
  region: string | null;
  sector: Sector;
  // Public bodies: federal or state (a Land or municipal body).
  publicLevel: PublicLevel | null;
  nis2: Nis2Setting;
  dora: boolean;
  telecom: boolean;
  postal: boolean;
  dpoName: string | null;
  dpoEmail: string | null;
  dpoPhone: string | null;
  timeZone: string;
  locale: Lang;
  createdAt: string;
}
