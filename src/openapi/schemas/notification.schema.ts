import type { Lang } from '../../i18n/languages';
import type { toNotificationSummary } from '../../notifications/dto/notification.response';

// What was sent (notifications/dto/notification.response.ts); schemas.spec.ts holds these to the mappers.
type Kind = ReturnType<typeof toNotificationSummary>['kind'];

export class NotificationSummarySchema {
  id: string;
  kind: Kind;
  obligationId: string | null;
  sentAt: string;
  recordedAt: string;
  recordedBy: string;
  authorityId: string | null;
  initialId: string | null;
  channel: string | null;
  reference: string | null;
  reasonsForDelay: string | null;
  late: boolean;
  language: Lang;
  templateId: string;
  templateVersion: string;
  bodySha256: string;
}

export class NotificationSchema extends NotificationSummarySchema {
  // The text as sent.
  body: string;
}

export class NotificationListSchema {
  items: NotificationSchema[];
}
