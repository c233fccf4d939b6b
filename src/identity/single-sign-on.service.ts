import { Injectable, Logger } from '@nestjs/common';
import { AuditActor } from '../audit/audit.service';
import { Database } from '../platform/database/database';
import { ApiTokensService } from './api-tokens.service';
import { Actor, actorOfUser } from './domain/actor';
import { SsoRefusal, readSsoClaims } from './domain/sso-claims';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';
import { UsersService } from './users.service';

export type SsoOutcome = { kind: 'ok'; actor: Actor; created: boolean } | { kind: 'refused'; refusal: SsoRefusal };

// Who a person is after the OpenID Connect provider vouched for them (docs/admin.md, "Single
// sign-on"): the user with the provider's e-mail address in the organization its claim names, with the
// role its claim names. A user met for the first time is created (just in time) when the organization
// exists; a known user takes the provider's role; a deactivated user, or one of another organization,
// is refused. Nothing the provider sent is logged but the reason of a refusal.
@Injectable()
export class SingleSignOnService {
  private readonly logger = new Logger('sso');

  constructor(
    private readonly db: Database,
    private readonly repo: IdentityRepository,
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
  ) {}

  async userOfClaims(claims: Record<string, unknown>, names: { orgClaim: string; roleClaim: string }): Promise<SsoOutcome> {
    const read = readSsoClaims(claims, names);
    if (!read.ok) return this.refused(read.refusal);
    const { email, organizationSlug, role } = read.identity;
    const outcome = await this.db.transaction(async (tx): Promise<SsoOutcome> => {
      const organization = await this.repo.findOrganizationBySlug(tx, organizationSlug);
      if (!organization) return { kind: 'refused', refusal: 'unknown_organization' };
      const by: AuditActor = { label: 'sso', userId: null, organizationId: organization.id };
      const known = await this.repo.findUserByEmail(tx, email);
      if (!known) {
        const user = await this.users.insert(tx, organization, { email, role, passwordHash: null }, by);
        return { kind: 'ok', actor: actorOfUser(user), created: true };
      }
      if (known.organizationId !== organization.id) return { kind: 'refused', refusal: 'other_organization' };
      if (!known.active) return { kind: 'refused', refusal: 'deactivated' };
      try {
        const user = await this.users.takeRoleFromProvider(tx, known, role, { ...by, userId: known.id });
        return { kind: 'ok', actor: actorOfUser(user), created: false };
      } catch (error) {
        if (error instanceof IdentityError && error.code === IdentityErrorCode.LastAdmin) return { kind: 'refused', refusal: 'last_admin' };
        throw error;
      }
    });
    if (outcome.kind === 'refused') return this.refused(outcome.refusal);
    // A role taken from the provider holds for the user's API tokens at once on this instance.
    this.tokens.forgetUser(outcome.actor.userId);
    this.logger.log({ event: 'sso.accepted', userId: outcome.actor.userId, created: outcome.created });
    return outcome;
  }

  private refused(refusal: SsoRefusal): SsoOutcome {
    this.logger.warn({ event: 'sso.refused', reason: refusal });
    return { kind: 'refused', refusal };
  }
}
