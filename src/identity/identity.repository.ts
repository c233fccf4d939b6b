import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ApiToken } from './api-token.entity';
import { Organization } from './organization.entity';
import { User } from './user.entity';

@Injectable()
export class IdentityRepository {
  findOrganizationBySlug(m: EntityManager, slug: string): Promise<Organization | null> {
    return m.findOne(Organization, { where: { slug } });
  }

  findOrganizationById(m: EntityManager, id: string): Promise<Organization | null> {
    return m.findOne(Organization, { where: { id } });
  }

  findUserByEmail(m: EntityManager, email: string): Promise<User | null> {
    return m.findOne(User, { where: { email: email.toLowerCase() } });
  }

  findUsersOfOrganization(m: EntityManager, organizationId: string): Promise<User[]> {
    return m.find(User, { where: { organizationId }, order: { email: 'ASC' } });
  }

  async findUserByTokenHash(m: EntityManager, tokenHash: string): Promise<User | null> {
    const token = await m.findOne(ApiToken, { where: { tokenHash, revokedAt: IsNull() }, relations: { user: true } });
    return token?.user ?? null;
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
