import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService, createdChanges } from '../audit/audit.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { FieldError, ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { validateInput } from '../platform/validation/validate';
import { Actor, auditActorOf } from './domain/actor';
import { ApiTokensService } from './api-tokens.service';
import { PasswordLinksService } from './password-links.service';
import { isTimeZone } from './domain/places';
import { InviteUserDto, UpdateUserDto } from './dto/manage-user.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';
import { Organization } from './organization.entity';
import { Locale, Role, User } from './user.entity';

export interface NewUser {
  email: string;
  role: Role;
  passwordHash: string | null;
  locale?: Locale;
  timeZone?: string;
}

// The users of an organization, as its org admins manage them: add, change role, deactivate.
@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly tokens: ApiTokensService,
    private readonly links: PasswordLinksService,
  ) {}

  private readonly logger = new Logger('users');

  // One way in for every new user (command line and API). E-mail addresses are unique installation-wide.
  async insert(tx: EntityManager, organization: Organization, fields: NewUser, by: AuditActor): Promise<User> {
    const email = fields.email.toLowerCase();
    if (await this.repo.findUserByEmail(tx, email)) {
      throw new IdentityError(IdentityErrorCode.EmailTaken, `A user with e-mail ${email} exists already.`, {
        errors: [{ path: 'email', message: 'is taken' }],
      });
    }
    const user = await this.repo.insertUser(
      tx,
      tx.create(User, {
        id: this.ids.next(),
        organizationId: organization.id,
        email,
        role: fields.role,
        passwordHash: fields.passwordHash,
        locale: fields.locale ?? organization.locale,
        localeChosen: fields.locale !== undefined,
        timeZone: fields.timeZone ?? organization.timeZone,
        createdAt: this.clock.now(),
        active: true,
      }),
    );
    await this.audit.record(tx, by, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      changes: createdChanges({
        email,
        role: user.role,
        organizationId: organization.id,
        password: fields.passwordHash ? 'set' : 'none',
        locale: fields.locale ?? null,
      }),
    });
    return user;
  }

  list(actor: Actor): Promise<User[]> {
    return this.db.read((m) => this.repo.findUsersOfOrganization(m, actor.organizationId));
  }

  // An org admin adds a user to their own organization. Without a password: the invitation mail's
  // link sets one (or they use an API token an admin creates for them).
  async invite(actor: Actor, input: unknown): Promise<User> {
    const dto = validateInput(InviteUserDto, input);
    if (dto.timeZone && !isTimeZone(dto.timeZone)) throw new ValidationError([{ path: 'timeZone', message: 'is not an IANA time zone' }]);
    const user = await this.db.transaction(async (tx) => {
      const organization = await this.repo.findOrganizationById(tx, actor.organizationId);
      if (!organization) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'Your organization no longer exists.');
      return this.insert(tx, organization, { ...dto, passwordHash: null }, auditActorOf(actor));
    });
    // The invitation: a single-use link to set a password (7 days). A mail server that refuses does not
    // undo the user; the admin sees it in the log and can invite again after deactivating.
    await this.links
      .sendInvitation(user, actor.email)
      .catch((error: Error) => this.logger.warn({ event: 'user.invitation_mail_failed', userId: user.id, error: error.message }));
    return user;
  }

  // Role and active, for a user of the admin's organization. An organization keeps at least one
  // active org admin; the organization's row is locked, so two admins demoting each other at once
  // cannot both succeed.
  async update(actor: Actor, id: string, input: unknown): Promise<User> {
    const dto = validateInput(UpdateUserDto, input);
    if (dto.role === undefined && dto.active === undefined) {
      throw new ValidationError([{ path: 'role', message: 'nothing to change: give role, active or both' }]);
    }
    const updated = await this.db.transaction(async (tx) => {
      await this.repo.lockOrganization(tx, actor.organizationId);
      const user = await this.repo.findUserById(tx, id);
      if (!user || user.organizationId !== actor.organizationId) {
        throw new IdentityError(IdentityErrorCode.UserNotFound, 'No such user in your organization.');
      }
      const role = dto.role ?? user.role;
      const active = dto.active ?? user.active;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (role !== user.role) changes.role = { from: user.role, to: role };
      if (active !== user.active) changes.active = { from: user.active, to: active };
      if (Object.keys(changes).length === 0) return user;
      await this.keepAnAdmin(tx, user, role, active, Object.keys(changes));
      await this.repo.updateUser(tx, user.id, { role, active });
      await this.audit.record(tx, auditActorOf(actor), { action: 'user.updated', entityType: 'user', entityId: user.id, changes });
      return { ...user, role, active };
    });
    this.tokens.forgetUser(updated.id);
    return updated;
  }

  // Single sign-on: the role the provider names for a user at sign-in becomes theirs (audited as a
  // change by "sso"), under the same rule as an admin's change: an organization keeps an active org
  // admin. The caller forgets the user's remembered tokens after its transaction commits.
  async takeRoleFromProvider(tx: EntityManager, user: User, role: Role, by: AuditActor): Promise<User> {
    if (role === user.role) return user;
    await this.repo.lockOrganization(tx, user.organizationId);
    await this.keepAnAdmin(tx, user, role, user.active, ['role']);
    await this.repo.updateUser(tx, user.id, { role });
    await this.audit.record(tx, by, {
      action: 'user.updated',
      entityType: 'user',
      entityId: user.id,
      changes: { role: { from: user.role, to: role } },
    });
    return { ...user, role };
  }

  // Refuses a change that would leave the user's organization without an active org admin (the
  // caller holds the organization's lock).
  private async keepAnAdmin(tx: EntityManager, user: User, role: Role, active: boolean, paths: string[]): Promise<void> {
    const stillAdmin = role === 'org_admin' && active;
    if (user.role === 'org_admin' && user.active && !stillAdmin && (await this.repo.countActiveAdmins(tx, user.organizationId)) <= 1) {
      const errors: FieldError[] = paths.map((path) => ({ path, message: 'would leave the organization without an active org admin' }));
      throw new IdentityError(
        IdentityErrorCode.LastAdmin,
        `Rule "last active admin": ${user.email} is the last active org admin of the organization, so they can be neither deactivated nor given another role. Make another user org admin first.`,
        { errors, extensions: { rule: 'last_active_admin' } },
      );
    }
  }
}
