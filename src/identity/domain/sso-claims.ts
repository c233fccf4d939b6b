import { ROLES, Role } from '../user.entity';

// Why a single sign-on is refused after the provider vouched for the person. The sign-in page names
// the reason (never a claim's value).
export type SsoRefusal =
  | 'no_email' // the provider sent no usable e-mail address
  | 'email_unverified' // it says the address is not verified
  | 'unknown_organization' // the organization claim is missing or names no organization
  | 'unknown_role' // the role claim is missing or no role of breachclock
  | 'other_organization' // the address belongs to a user of another organization
  | 'deactivated' // the user is deactivated
  | 'last_admin'; // the role claim would leave the organization without an active org admin

export interface SsoIdentity {
  email: string;
  organizationSlug: string;
  role: Role;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

// Who the provider says the person is: the e-mail address (verified unless it says otherwise), and the
// organization's slug and the role from the configured claims. A claim given as a list of one value
// counts as that value (some providers send every custom claim as a list).
export function readSsoClaims(
  claims: Record<string, unknown>,
  names: { orgClaim: string; roleClaim: string },
): { ok: true; identity: SsoIdentity } | { ok: false; refusal: SsoRefusal } {
  const email = single(claims.email);
  if (typeof email !== 'string' || !EMAIL.test(email.trim()) || email.trim().length > 320) return { ok: false, refusal: 'no_email' };
  if (claims.email_verified === false || claims.email_verified === 'false') return { ok: false, refusal: 'email_unverified' };
  const slug = single(claims[names.orgClaim]);
  if (typeof slug !== 'string' || !SLUG.test(slug.trim().toLowerCase())) return { ok: false, refusal: 'unknown_organization' };
  const role = single(claims[names.roleClaim]);
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return { ok: false, refusal: 'unknown_role' };
  return { ok: true, identity: { email: email.trim().toLowerCase(), organizationSlug: slug.trim().toLowerCase(), role: role as Role } };
}

const single = (value: unknown): unknown => (Array.isArray(value) && value.length === 1 ? value[0] : value);
