import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Organization } from './organization.entity';
import { Lang, LANGS } from '../i18n';

export const ROLES = ['processor_staff', 'controller_dpo', 'org_admin'] as const;
export type Role = (typeof ROLES)[number];
// The languages a user, an organization or a contact may choose: those breachclock has a catalog for.
export const LOCALES = LANGS;
export type Locale = Lang;

@Entity({ name: 'app_user' })
@Unique('ux_app_user__email', ['email'])
@Index('ix_app_user__organization', ['organizationId'])
@Check('ck_app_user__role', `role IN ('processor_staff', 'controller_dpo', 'org_admin')`)
@Check('ck_app_user__locale', `locale IN ('de', 'en')`)
@Check('ck_app_user__email_lower', `email = lower(email)`)
@Check('ck_app_user__calendar_feed_generation', 'calendar_feed_generation >= 0')
export class User {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_app_user' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_app_user__organization' })
  organization?: Organization;

  // Stored lower-case; unique across the whole installation.
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  role: Role;

  // argon2id; null for users who only use API tokens.
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  // The language of pages, mails and drafts: the user's own choice, else their organization's.
  @Column({ type: 'text' })
  locale: Locale;

  // Whether the user chose their language. Otherwise it follows the organization's (and pages may
  // follow the browser's).
  @Column({ name: 'locale_chosen', type: 'boolean' })
  localeChosen: boolean;

  // IANA zone in which this user sees times.
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  // A deactivated user can neither sign in nor use a session or an API token; nothing is deleted.
  @Column({ type: 'boolean' })
  active: boolean;

  // Which secret address of the calendar feed is valid (see web/calendar-feed.ts); renewing moves on.
  @Column({ name: 'calendar_feed_generation', type: 'integer', default: 0 })
  calendarFeedGeneration: number;
}
