import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { formatInstant, t } from '../i18n';
import { Clock } from '../platform/clock/clock';
import { AppSettings } from '../platform/database/app-settings';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { Mailer } from '../platform/mail/mailer';
import { signToken, verifyToken } from '../platform/security/signed-token';
import { TemplateRenderer } from '../platform/templates/template-renderer';
import { newPasswordProblems, parseLinkToken } from './domain/password-rules';
import { hashPassword } from './domain/secrets';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';
import { User } from './user.entity';
import { WebSessionsService } from './web-sessions.service';

export type LinkPurpose = 'invite' | 'reset';

// How long a link works: an invitation a week (people are away), a reset half an hour (issue 17).
export const LINK_VALIDITY_MS: Record<LinkPurpose, number> = { invite: 7 * 24 * 3_600_000, reset: 30 * 60_000 };
// Reset requests per address and per client IP within RESET_WINDOW_MS.
export const RESETS_PER_EMAIL = 3;
export const RESETS_PER_CLIENT = 10;
export const RESET_WINDOW_MS = 60 * 60_000;
const LINK_KEY_SETTING = 'password_link_key';

const payload = (purpose: LinkPurpose, id: string, userId: string, expiresAt: Date) =>
  `password-link|${purpose}|${id}|${userId}|${expiresAt.toISOString()}`;

interface LinkRow {
  id: string;
  user_id: string;
  purpose: LinkPurpose;
  expires_at: Date;
  used_at: Date | null;
}

// Single-use links that set a password: the invitation of a new user and the reset of a forgotten
// password. The link is "<row id>.<HMAC>"; the row (password_token) makes it single-use and expire.
@Injectable()
export class PasswordLinksService {
  private readonly logger = new Logger('password-links');

  constructor(
    private readonly db: Database,
    private readonly repo: IdentityRepository,
    private readonly sessions: WebSessionsService,
    private readonly audit: AuditService,
    private readonly settings: AppSettings,
    private readonly mailer: Mailer,
    private readonly renderer: TemplateRenderer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // A new link for the user; older unused links of the same purpose stop working.
  async issue(tx: EntityManager, user: User, purpose: LinkPurpose): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const id = this.ids.next();
    const expiresAt = new Date(now.getTime() + LINK_VALIDITY_MS[purpose]);
    await execute(tx, `UPDATE password_token SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [
      user.id,
      purpose,
      now.toISOString(),
    ]);
    await execute(tx, `INSERT INTO password_token (id, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      user.id,
      purpose,
      now.toISOString(),
      expiresAt.toISOString(),
    ]);
    const signature = signToken(await this.settings.secret(LINK_KEY_SETTING), payload(purpose, id, user.id, expiresAt));
    return { token: `${id}.${signature}`, expiresAt };
  }

  // The invitation mail of a user just added (UsersService.invite), in the user's language.
  async sendInvitation(user: User, inviterEmail: string): Promise<void> {
    const { token, expiresAt } = await this.db.transaction((tx) => this.issue(tx, user, 'invite'));
    const organization = await this.db.read((m) => this.repo.findOrganizationById(m, user.organizationId));
    const lang = user.locale;
    const text = this.renderer.render('password-invite', lang, {
      inviter: inviterEmail,
      organization: organization?.name ?? '',
      role: t(lang, `web.role_${user.role}`),
      expires: formatInstant(expiresAt, user.timeZone, lang),
      link: `${this.config.publicUrl}/password/set?token=${token}`,
      loginUrl: `${this.config.publicUrl}/login`,
      email: user.email,
    }).text;
    await this.mail(user, t(lang, 'mail.inviteSubject', { organization: organization?.name ?? '' }), text, `invite.${token.slice(0, 36)}`);
  }

  // "Forgot my password": the same answer whether the address exists or not. 'limited' only when the
  // client (IP) asked too often; too many requests for one address are dropped silently (the answer
  // must not tell that the address exists). The mail goes out after the answer, so the answer's time
  // does not depend on the mail server.
  async requestReset(email: string, client: string): Promise<'sent' | 'limited'> {
    const address = email.trim().toLowerCase();
    const now = this.clock.now();
    const counts = await this.sessions.countAttempt(
      [`reset-email:${address}`, `reset-client:${client}`],
      now,
      new Date(now.getTime() - RESET_WINDOW_MS),
    );
    if ((counts.get(`reset-client:${client}`) ?? 0) > RESETS_PER_CLIENT) return 'limited';
    if ((counts.get(`reset-email:${address}`) ?? 0) > RESETS_PER_EMAIL) return 'sent';
    const user = await this.db.read((m) => this.repo.findUserByEmail(m, address));
    if (!user || !user.active) return 'sent';
    const { token, expiresAt } = await this.db.transaction((tx) => this.issue(tx, user, 'reset'));
    const lang = user.locale;
    const text = this.renderer.render('password-reset', lang, {
      email: user.email,
      expires: formatInstant(expiresAt, user.timeZone, lang),
      link: `${this.config.publicUrl}/password/reset?token=${token}`,
    }).text;
    void this.mail(user, t(lang, 'mail.resetSubject'), text, `reset.${token.slice(0, 36)}`).catch((error: Error) =>
      this.logger.warn({ event: 'password_reset.mail_failed', userId: user.id, error: error.message }),
    );
    return 'sent';
  }

  // The user a working link is for (the page shows the form), or null: unknown, forged, used, expired,
  // of the other purpose, or of a deactivated user.
  async userOf(token: unknown, purpose: LinkPurpose): Promise<User | null> {
    return this.db.read(async (m) => {
      const row = await this.validRow(m, token, purpose);
      return row ? this.repo.findUserById(m, row.user_id) : null;
    });
  }

  // Sets the password through a working link, once: the link and every other open link of the user
  // are used up, the user's web sessions end, and the change is audited (never the password).
  async redeem(token: unknown, purpose: LinkPurpose, input: { newPassword?: unknown; confirmPassword?: unknown }): Promise<User> {
    const problems = newPasswordProblems(input);
    if (problems.length) {
      if (!(await this.userOf(token, purpose))) throw linkInvalid();
      throw new ValidationError(problems);
    }
    const passwordHash = await hashPassword(input.newPassword as string);
    return this.db.transaction(async (tx) => {
      const row = await this.validRow(tx, token, purpose, true);
      const user = row && (await this.repo.findUserById(tx, row.user_id));
      if (!row || !user) throw linkInvalid();
      const now = this.clock.now().toISOString();
      await execute(tx, `UPDATE password_token SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [user.id, now]);
      await tx.update(User, { id: user.id }, { passwordHash });
      await this.sessions.endAll(tx, user.id);
      const by: AuditActor = { label: `user:${user.email}`, userId: user.id, organizationId: user.organizationId };
      await this.audit.record(tx, by, {
        action: purpose === 'invite' ? 'user.invitation_accepted' : 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        changes: { password: { from: user.passwordHash ? 'set' : 'none', to: 'set' } },
      });
      return user;
    });
  }

  private async validRow(m: EntityManager, token: unknown, purpose: LinkPurpose, lock = false): Promise<LinkRow | null> {
    const parsed = parseLinkToken(token);
    if (!parsed) return null;
    const { rows } = await execute<LinkRow>(
      m,
      `SELECT t.id, t.user_id, t.purpose, t.expires_at, t.used_at FROM password_token t JOIN app_user u ON u.id = t.user_id
       WHERE t.id = $1 AND u.active${lock ? ' FOR UPDATE OF t' : ''}`,
      [parsed.id],
    );
    const row = rows[0];
    if (!row || row.purpose !== purpose || row.used_at) return null;
    const expiresAt = new Date(row.expires_at);
    if (expiresAt.getTime() <= this.clock.now().getTime()) return null;
    const key = await this.settings.secret(LINK_KEY_SETTING);
    return verifyToken(key, payload(purpose, row.id, row.user_id, expiresAt), parsed.signature) ? row : null;
  }

  private mail(user: User, subject: string, text: string, id: string): Promise<void> {
    const host = new URL(this.config.publicUrl).hostname || 'breachclock';
    return this.mailer.send({ from: this.config.mail.from, to: user.email, subject, text, messageId: `<${id}@${host}>`, headers: {} });
  }
}

const linkInvalid = () =>
  new IdentityError(IdentityErrorCode.LinkInvalid, 'This link is not valid (used, expired or mistyped). Ask for a new one.', {
    errors: [{ path: 'token', message: 'is used, expired or not valid' }],
  });
