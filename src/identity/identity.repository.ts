import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute } from '../platform/database/execute';
import { ApiToken } from './api-token.entity';
import { Organization } from './organization.entity';
import { Role, User } from './user.entity';

@Injectable()
export class IdentityRepository {
  findOrganizationBySlug(m: EntityManager, slug: string): Promise<Organization | null> {
    return m.findOne(Organization, { where: { slug } });
  }

  findOrganizationById(m: EntityManager, id: string): Promise<Organization | null> {
    return m.findOne(Organization, { where: { id } });
  }

  // Serialises changes to an organization's users (role, active), so two admins demoting each other
  // at once cannot both pass the last-admin check.
  async lockOrganization(m: EntityManager, id: string): Promise<void> {
    await m.query('SELECT id FROM organization WHERE id = $1 FOR UPDATE', [id]);
  }

  findUserByEmail(m: EntityManager, email: string): Promise<User | null> {
    return m.findOne(User, { where: { email: email.toLowerCase() } });
  }

  findUserById(m: EntityManager, id: string): Promise<User | null> {
    return m.findOne(User, { where: { id } });
  }

  findUsersOfOrganization(m: EntityManager, organizationId: string): Promise<User[]> {
    return m.find(User, { where: { organizationId }, order: { email: 'ASC' } });
  }

  countActiveAdmins(m: EntityManager, organizationId: string): Promise<number> {
    return m.count(User, { where: { organizationId, role: 'org_admin', active: true } });
  }

  async updateUser(m: EntityManager, id: string, fields: { role?: Role; active?: boolean }): Promise<void> {
    await m.update(User, { id }, fields);
  }

  // The token with its user, whatever its state: the caller decides (revoked, expired, inactive user).
  findTokenByHash(m: EntityManager, tokenHash: string): Promise<ApiToken | null> {
    return m.findOne(ApiToken, { where: { tokenHash }, relations: { user: true } });
  }

  findTokenById(m: EntityManager, id: string): Promise<ApiToken | null> {
    return m.findOne(ApiToken, { where: { id }, relations: { user: true } });
  }

  // Newest first; with the user, so an admin's list can say whose each token is.
  findTokensOfUser(m: EntityManager, userId: string): Promise<ApiToken[]> {
    return m.find(ApiToken, { where: { userId }, relations: { user: true }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  findTokensOfOrganization(m: EntityManager, organizationId: string): Promise<ApiToken[]> {
    return m.find(ApiToken, { where: { user: { organizationId } }, relations: { user: true }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  // Records a use unless one was recorded within the last `precisionMs`: at most one write a minute
  // per token, however many instances serve it.
  async recordTokenUse(m: EntityManager, id: string, now: Date, precisionMs: number): Promise<void> {
    await execute(m, `UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`, [
      id,
      now.toISOString(),
      new Date(now.getTime() - precisionMs).toISOString(),
    ]);
  }

  async revokeToken(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.update(ApiToken, { id }, { revokedAt: now });
  }

  insertOrganization(m: EntityManager, organization: Organization): Promise<Organization> {
    return m.save(Organization, organization);
  }

  insertUser(m: EntityManager, user: User): Promise<User> {
    return m.save(User, user);
  }

  insertToken(m: EntityManager, token: ApiToken): Promise<ApiToken> {
    return m.save(ApiToken, token);
  }
}
