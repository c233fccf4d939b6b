// The directory of supervisory authorities (authorities/dto/authority.response.ts); schemas.spec.ts
// holds it to the mapper.
export class AuthoritySchema {
  id: string;
  country: string;
  region: string | null;
  regionCode: string | null;
  name: string;
  nameEn: string;
  abbreviation: string | null;
  postalAddress: string | null;
  email: string | null;
  website: string | null;
  breachInfoUrl: string | null;
  breachFormUrl: string | null;
  breachFormUrlStatus: string | null;
  breachSubmissionChannel: string | null;
  sectorScope: 'private' | 'public' | 'both';
  notificationLanguages: string[];
  sources: string[];
  notes: string | null;
}

export class AuthorityListSchema {
  items: AuthoritySchema[];
}

// GET /authorities/resolve, and each target of GET /incidents/:id/authorities.
export class ResolvedAuthoritySchema {
  authority: AuthoritySchema;
  // The rule that picked it, in words.
  rule: string;
}

export class UnresolvedAuthoritySchema {
  country: string;
  message: string;
}

export class AuthorityTargetsSchema {
  targets: ResolvedAuthoritySchema[];
  unresolved: UnresolvedAuthoritySchema[];
}
