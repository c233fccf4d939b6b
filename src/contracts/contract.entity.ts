import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Organization } from '../identity/organization.entity';
import { Lang } from '../i18n';

export interface SubProcessor {
  name: string;
  address?: string;
  service?: string;
}

export interface EscalationContact {
  name: string;
  email: string;
  locale?: Lang;
}

// The contract's "without undue delay" when it names no hours (design.md §1).
export const DEFAULT_PROCESSOR_NOTICE_HOURS = 24;

// A data processing agreement (DPA / AVV, Art. 28 GDPR) between one controller and one processor.
@Entity({ name: 'contract' })
@Unique('ux_contract__controller_processor_reference', ['controllerId', 'processorId', 'reference'])
@Index('ix_contract__processor', ['processorId'])
@Check('ck_contract__processor_notice_hours', `processor_notice_hours BETWEEN 1 AND 720`)
@Check('ck_contract__reminder_every_minutes', `reminder_every_minutes IS NULL OR reminder_every_minutes BETWEEN 0 AND 43200`)
export class Contract {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_contract' })
  id: string;

  @Column({ name: 'controller_id', type: 'uuid' })
  controllerId: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_contract__controller' })
  controller?: Organization;

  @Column({ name: 'processor_id', type: 'uuid' })
  processorId: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'processor_id', foreignKeyConstraintName: 'fk_contract__processor' })
  processor?: Organization;

  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn: string | null;

  // The contract's "without undue delay" for the processor, in hours (default 24).
  @Column({ name: 'processor_notice_hours', type: 'integer' })
  processorNoticeHours: number;

  @Column({ name: 'data_categories', type: 'text', array: true })
  dataCategories: string[];

  @Column({ name: 'subject_categories', type: 'text', array: true })
  subjectCategories: string[];

  @Column({ name: 'sub_processors', type: 'jsonb' })
  subProcessors: SubProcessor[];

  @Column({ name: 'escalation_contacts', type: 'jsonb' })
  escalationContacts: EscalationContact[];

  // Minutes before each deadline at which to warn; null means the defaults (48 h … 0).
  @Column({ name: 'escalation_milestones', type: 'integer', array: true, nullable: true })
  escalationMilestones: number[] | null;

  // Told from the deputy milestone on when nobody at the controller has acknowledged the clock.
  @Column({ name: 'deputy_contacts', type: 'jsonb', default: () => "'[]'" })
  deputyContacts: EscalationContact[];

  @Column({ name: 'deputy_after_minutes', type: 'integer', default: 1440 })
  deputyAfterMinutes: number;

  // How often to remind of a duty without a deadline (revFADP, Art. 34), in minutes: null the
  // organization's setting (default daily), 0 never.
  @Column({ name: 'reminder_every_minutes', type: 'integer', nullable: true })
  reminderEveryMinutes: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
