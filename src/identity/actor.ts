import type { AuditActor } from '../audit/audit.service';
import type { Locale, Role } from './user.entity';

// The authenticated caller. Every tenant-scoped query takes one.
export interface Actor {
  userId: string;
  email: string;
  organizationId: string;
  role: Role;
  locale: Locale;
  timeZone: string;
}

export function auditActorOf(actor: Actor): AuditActor {
  return { label: `user:${actor.email}`, userId: actor.userId, organizationId: actor.organizationId };
}

export const CLI_ACTOR: AuditActor = { label: 'cli', userId: null, organizationId: null };
