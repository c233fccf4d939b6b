import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { Lang } from '../i18n';

export const ORGANIZATION_KINDS = ['controller', 'processor', 'both'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const SECTORS = ['private', 'public'] as const;
export type Sector = (typeof SECTORS)[number];
export const PUBLIC_LEVELS = ['federal', 'state'] as const;
export type PublicLevel = (typeof PUBLIC_LEVELS)[number];
export const NIS2_CLASSES = ['essential', 'important'] as const;
export type Nis2Class = (typeof NIS2_CLASSES)[number];

@Entity({ name: 'organization' })
@Unique('ux_organization__slug', ['slug'])
@Check('ck_organization__kind', `kind IN ('controller', 'processor', 'both')`)
@Check('ck_organization__sector', `sector IN ('private', 'public')`)
@Check('ck_organization__country', `country ~ '^[A-Z]{2}$'`)
@Check('ck_organization__locale', `locale IN ('de', 'en')`)
@Check('ck_organization__nis2', `nis2 IS NULL OR nis2 IN ('essential', 'important')`)
@Check('ck_organization__reminder_every_minutes', `reminder_every_minutes IS NULL OR reminder_every_minutes BETWEEN 0 AND 43200`)
@Check('ck_organization__public_level', `public_level IS NULL OR (sector = 'public' AND public_level IN ('federal', 'state'))`)
export class Organization {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_organization' })
  id: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  // ISO 3166-1 alpha-2
  @Column({ type: 'text' })
  country: string;

  // ISO 3166-2, e.g. DE-HE
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text' })
  sector: Sector;

  // For public bodies: of the Federation or of a Land (municipalities count with their Land). In
  // Germany it decides between the BfDI and the Land commissioner (§ 9(1) BDSG, Land acts).
  @Column({ name: 'public_level', type: 'text', nullable: true })
  publicLevel: PublicLevel | null;

  // A provider of publicly available electronic communications services (BfDI in Germany, § 9(1)
  // BDSG; ePrivacy duties, Reg. 611/2013), or of postal services (BfDI in Germany, Postgesetz).
  @Column({ type: 'boolean' })
  telecom: boolean;

  @Column({ type: 'boolean' })
  postal: boolean;

  // An essential or important entity under NIS2 (Art. 3), null when neither: significant incidents
  // are then reported to the CSIRT (obligations nis2/*).
  @Column({ type: 'text', nullable: true })
  nis2: Nis2Class | null;

  // A financial entity under DORA (Art. 2): major ICT-related incidents are reported under DORA
  // (obligations dora/*), which then takes the place of NIS2 reporting.
  @Column({ type: 'boolean' })
  dora: boolean;

  @Column({ name: 'dpo_name', type: 'text', nullable: true })
  dpoName: string | null;

  @Column({ name: 'dpo_email', type: 'text', nullable: true })
  dpoEmail: string | null;

  @Column({ name: 'dpo_phone', type: 'text', nullable: true })
  dpoPhone: string | null;

  @Column({ name: 'authority_override_id', type: 'text', nullable: true })
  authorityOverrideId: string | null;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  // The language of its users who have not chosen one (and of its API answers and mails to them).
  @Column({ type: 'text' })
  locale: Lang;

  // How often to remind its DPOs of a duty without a deadline, in minutes: null the default
  // (daily), 0 never; a contract's own setting wins (escalations/).
  @Column({ name: 'reminder_every_minutes', type: 'integer', nullable: true })
  reminderEveryMinutes?: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
