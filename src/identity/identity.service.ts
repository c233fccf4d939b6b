import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditActor, AuditService, createdChanges } from '../audit/audit.service';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { validateInput } from '../platform/validation/validate';
import { Actor, actorOfUser, auditActorOf } from './domain/actor';
import { parseReminderSetting } from './domain/reminder-setting';
import { ApiTokensService } from './api-tokens.service';
import { defaultLocale, defaultTimeZone, isCountryCode, isTimeZone, publicLevelProblems, regionProblem } from './domain/places';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';
import { Organization } from './organization.entity';
import { hashPassword, newApiToken, verifyPassword } from './domain/secrets';
import { newPasswordProblems } from './domain/password-rules';
import { User } from './user.entity';
import { UsersService } from './users.service';
import { isLang, LANGS } from '../i18n';

// Organizations, users and API tokens: who may do what, in which tenant.
@Injectable()
export class IdentityService {
  constructor(
    private readonly db: Database,
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly authorities: AuthoritiesService,
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
  ) {}

  async createOrganization(input: unknown, by: AuditActor): Promise<Organization> {
    const dto = validateInput(CreateOrganizationDto, input);
    const problems = [];
    if (!isCountryCode(dto.country)) problems.push({ path: 'country', message: 'is not an ISO 3166-1 country code' });
    const region = dto.region?.toUpperCase();
    const regionError = region ? regionProblem(dto.country, region) : null;
    if (regionError) problems.push({ path: 'region', message: regionError });
    if (dto.timeZone && !isTimeZone(dto.timeZone)) problems.push({ path: 'timeZone', message: 'is not an IANA time zone' });
    problems.push(...publicLevelProblems(dto.country, dto.sector ?? 'private', dto.publicLevel ?? null, region ?? null));
    if (dto.authorityOverrideId && !this.authorities.get(dto.authorityOverrideId)) {
      problems.push({ path: 'authorityOverrideId', message: 'is not an authority id (see GET /api/v1/authorities)' });
    }
    if (problems.length) throw new ValidationError(problems);

    return this.db.transaction(async (tx) => {
      if (await this.repo.findOrganizationBySlug(tx, dto.slug)) {
        throw new IdentityError(IdentityErrorCode.SlugTaken, `An organization with slug "${dto.slug}" exists already.`);
      }
      const organization = await this.repo.insertOrganization(
        tx,
        tx.create(Organization, {
          id: this.ids.next(),
          slug: dto.slug,
          name: dto.name.trim(),
          kind: dto.kind,
          country: dto.country,
          region: region ?? null,
          address: dto.address ?? null,
          sector: dto.sector ?? 'private',
          publicLevel: dto.publicLevel ?? null,
          telecom: dto.telecom ?? false,
          postal: dto.postal ?? false,
          nis2: dto.nis2 ?? null,
          dora: dto.dora ?? false,
          dpoName: dto.dpoName ?? null,
          dpoEmail: dto.dpoEmail?.toLowerCase() ?? null,
          dpoPhone: dto.dpoPhone ?? null,
          authorityOverrideId: dto.authorityOverrideId ?? null,
          timeZone: dto.timeZone ?? defaultTimeZone(dto.country),
          locale: dto.locale ?? defaultLocale(dto.country),
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(tx, by, {
        action: 'organization.created',
        entityType: 'organization',
        entityId: organization.id,
        changes: createdChanges({
          slug: organization.slug,
          name: organization.name,
          kind: organization.kind,
          country: organization.country,
          region: organization.region,
          sector: organization.sector,
          publicLevel: organization.publicLevel,
          telecom: organization.telecom,
          postal: organization.postal,
          nis2: organization.nis2,
          dora: organization.dora,
          locale: organization.locale,
        }),
      });
      return organization;
    });
  }

  async createUser(input: unknown, by: AuditActor): Promise<User> {
    const dto = validateInput(CreateUserDto, input);
    if (dto.timeZone && !isTimeZone(dto.timeZone)) throw new ValidationError([{ path: 'timeZone', message: 'is not an IANA time zone' }]);
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    return this.db.transaction(async (tx) => {
      const organization = await this.repo.findOrganizationBySlug(tx, dto.organizationSlug);
      if (!organization) {
        throw new IdentityError(IdentityErrorCode.OrganizationNotFound, `No organization with slug "${dto.organizationSlug}".`);
      }
      return this.users.insert(
        tx,
        organization,
        { email: dto.email, role: dto.role, passwordHash, locale: dto.locale, timeZone: dto.timeZone },
        by,
      );
    });
  }

  // Returns the token in clear text: this is the only time it exists outside the caller's hands.
  async createToken(
    email: string,
    by: AuditActor,
    options: { name?: string; expiresIn?: string } = {},
  ): Promise<{ token: string; user: User }> {
    const { token, user } = await this.tokens.createForEmail(email, options, by);
    return { token, user };
  }

  // E-mail and password for the web pages. A missing user costs the same argon2 work as a wrong
  // password, so response times do not reveal which e-mail addresses exist.
  async verifyLogin(email: string, password: string): Promise<Actor | null> {
    const user = await this.db.read((m) => this.repo.findUserByEmail(m, email));
    this.dummyHash ??= await hashPassword(newApiToken());
    const ok = await verifyPassword(user?.passwordHash ?? this.dummyHash, password);
    return ok && user?.passwordHash && user.active ? actorOfUser(user) : null;
  }

  private dummyHash?: string;

  // The signed-in user behind a web session or a feed address; null once they are deactivated, so
  // their sessions stop working with the next request.
  async actorById(userId: string): Promise<Actor | null> {
    const user = await this.db.read((m) => m.findOne(User, { where: { id: userId } }));
    return user?.active ? actorOfUser(user) : null;
  }

  // The generation of a user's calendar-feed address, or null for no such user.
  async calendarFeedGeneration(userId: string): Promise<number | null> {
    const user = await this.db.read((m) => m.findOne(User, { where: { id: userId } }));
    return user?.active ? user.calendarFeedGeneration : null;
  }

  // The user's own language and time zone (what the pages, mails and drafts use). Audited.
  async updatePreferences(actor: Actor, input: { locale?: unknown; timeZone?: unknown }): Promise<Actor> {
    const problems = [];
    if (!isLang(input.locale)) problems.push({ path: 'locale', message: `must be ${LANGS.join(' or ')}` });
    if (typeof input.timeZone !== 'string' || !isTimeZone(input.timeZone))
      problems.push({ path: 'timeZone', message: 'is not an IANA time zone, e.g. Europe/Berlin' });
    if (problems.length) throw new ValidationError(problems);
    const locale = input.locale as Actor['locale'];
    const timeZone = input.timeZone as string;
    const updated = await this.db.transaction(async (tx) => {
      const user = await tx.findOneOrFail(User, { where: { id: actor.userId } });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (user.locale !== locale) changes.locale = { from: user.locale, to: locale };
      if (user.timeZone !== timeZone) changes.timeZone = { from: user.timeZone, to: timeZone };
      // Changing the language is choosing it: from then on it no longer follows the organization's.
      const localeChosen = user.localeChosen || user.locale !== locale;
      if (localeChosen !== user.localeChosen) changes.localeChosen = { from: user.localeChosen, to: localeChosen };
      if (Object.keys(changes).length) {
        await tx.update(User, { id: user.id }, { locale, timeZone, localeChosen });
        await this.audit.record(tx, auditActorOf(actor), {
          action: 'user.preferences_changed',
          entityType: 'user',
          entityId: user.id,
          changes,
        });
      }
      return { ...actor, locale, timeZone, localeChosen };
    });
    // The user's API tokens answer in the new language at once on this instance.
    this.tokens.forgetUser(actor.userId);
    return updated;
  }

  // A user changes their own password, proving the current one. Audited (never the passwords).
  async changePassword(
    actor: Actor,
    input: { currentPassword?: unknown; newPassword?: unknown; confirmPassword?: unknown },
  ): Promise<void> {
    const problems = newPasswordProblems(input);
    const next = input.newPassword as string;
    const user = await this.db.read((m) => m.findOneOrFail(User, { where: { id: actor.userId } }));
    const current = typeof input.currentPassword === 'string' ? input.currentPassword : '';
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current)))
      problems.push({ path: 'currentPassword', message: 'is not your current password' });
    if (problems.length) throw new ValidationError(problems);
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx.update(User, { id: user.id }, { passwordHash });
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        changes: { password: { from: 'set', to: 'changed' } },
      });
    });
  }

  // A new calendar-feed address for the user; every older one stops working. Audited.
  async renewCalendarFeed(actor: Actor): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.increment(User, { id: actor.userId }, 'calendarFeedGeneration', 1);
      const generation = (await tx.findOneOrFail(User, { where: { id: actor.userId } })).calendarFeedGeneration;
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'user.calendar_feed_renewed',
        entityType: 'user',
        entityId: actor.userId,
        changes: { calendarFeedGeneration: { from: generation - 1, to: generation } },
      });
      return generation;
    });
  }

  // The active controller DPOs of an organization, who receive its authority-clock escalations.
  dpoUsersOf(organizationId: string): Promise<User[]> {
    return this.db.read(async (m) =>
      (await this.repo.findUsersOfOrganization(m, organizationId)).filter((u) => u.role === 'controller_dpo' && u.active),
    );
  }

  // The active DPO users of many organizations in one read (a filing of many incidents).
  async dpoUsersOfMany(organizationIds: string[]): Promise<Map<string, User[]>> {
    const users = organizationIds.length
      ? await this.db.read((m) => m.find(User, { where: { organizationId: In(organizationIds), role: 'controller_dpo', active: true } }))
      : [];
    const byOrganization = new Map<string, User[]>(organizationIds.map((id) => [id, []]));
    for (const u of users) byOrganization.get(u.organizationId)?.push(u);
    return byOrganization;
  }

  usersWithRole(role: User['role']): Promise<User[]> {
    return this.db.read((m) => m.find(User, { where: { role, active: true } }));
  }

  // How often its DPOs are reminded of a duty without a deadline ("24h", "off", "default"); a
  // contract's own setting wins (docs/escalations.md). CLI: org reminders.
  async setReminders(slug: string, every: string, by: AuditActor): Promise<Organization> {
    const parsed = parseReminderSetting(every);
    if (!parsed.ok) throw new ValidationError([{ path: 'reminders', message: parsed.message }]);
    return this.db.transaction(async (tx) => {
      const organization = await this.repo.findOrganizationBySlug(tx, slug);
      if (!organization) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, `No organization with slug "${slug}".`);
      const from = organization.reminderEveryMinutes ?? null;
      organization.reminderEveryMinutes = parsed.minutes;
      const saved = await this.repo.insertOrganization(tx, organization);
      await this.audit.record(tx, by, {
        action: 'organization.reminders_changed',
        entityType: 'organization',
        entityId: saved.id,
        changes: { reminderEveryMinutes: { from, to: parsed.minutes } },
      });
      return saved;
    });
  }

  organizationBySlug(slug: string): Promise<Organization | null> {
    return this.db.read((m) => this.repo.findOrganizationBySlug(m, slug));
  }

  organizationById(id: string): Promise<Organization | null> {
    return this.db.read((m) => this.repo.findOrganizationById(m, id));
  }
}

// Kept here for the modules that import it from identity.
export { createdChanges };
