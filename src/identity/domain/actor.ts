import type { AuditActor } from '../../audit/audit.service';
import type { Locale, Role, User } from '../user.entity';

// The authenticated caller. Every tenant-scoped query takes one.
export interface Actor {
  userId: string;
  email: string;
  organizationId: string;
  role: Role;
  // The language of answers and mails: the user's choice, else the organization's.
  locale: Locale;
  // Whether `locale` is the user's own choice (pages may follow the browser's language otherwise).
  localeChosen?: boolean;
  timeZone: string;
}

export function actorOfUser(user: User): Actor {
  return {
    userId: user.id,
    email: user.email,
    organizationId: user.organizationId,
    role: user.role,
    locale: user.locale,
    localeChosen: user.localeChosen,
    timeZone: user.timeZone,
  };
}

export function auditActorOf(actor: Actor): AuditActor {
  return { label: `user:${actor.email}`, userId: actor.userId, organizationId: actor.organizationId };
}

export const CLI_ACTOR: AuditActor = { label: 'cli', userId: null, organizationId: null };
