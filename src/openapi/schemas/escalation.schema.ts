// One escalation mail (mapped in escalations.controller.ts); the e2e test validates real answers.
export class EscalationSchema {
  id: string;
  incidentId: string;
  reference: string | null;
  // The duty this mail warns about.
  obligationId: string;
  deadlineKind: 'authority' | 'processor_to_controller';
  milestone: string;
  recipient: string;
  recipientRole: 'dpo' | 'escalation_contact' | 'deputy' | 'reporter' | 'incident_contact';
  dueAt: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped' | 'cancelled';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
  messageId: string;
}

export class EscalationListSchema {
  items: EscalationSchema[];
}
