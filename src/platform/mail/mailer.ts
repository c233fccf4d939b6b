// The mail port. SMTP when SMTP_URL is set, .eml files under DATA_DIR/outbox otherwise.
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string; // "<…@…>", deterministic per message so resends can be recognised
  headers: Record<string, string>;
}

export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
  abstract close(): Promise<void>;
}
