import { Notification } from '../notification.entity';

// What was sent, without the body (the register lists these).
export function toNotificationSummary(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    obligationId: n.obligationId,
    sentAt: n.sentAt.toISOString(),
    recordedAt: n.recordedAt.toISOString(),
    recordedBy: n.recordedBy?.email ?? n.recordedById,
    authorityId: n.authorityId,
    initialId: n.initialId,
    channel: n.channel,
    reference: n.reference,
    reasonsForDelay: n.reasonsForDelay,
    late: n.late,
    language: n.language,
    templateId: n.templateId,
    templateVersion: n.templateVersion,
    bodySha256: n.bodySha256,
  };
}

export function toNotificationResponse(n: Notification) {
  return { ...toNotificationSummary(n), body: n.body };
}
