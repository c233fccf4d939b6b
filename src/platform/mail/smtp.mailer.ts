import nodemailer, { Transporter } from 'nodemailer';
import { MailMessage, Mailer } from './mailer';

// nodemailer's pooled SMTP transport: a few long-lived connections carry many messages.
// TLS follows the URL: smtps:// is implicit TLS; smtp:// upgrades with STARTTLS when offered.
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(url: string, options: { maxConnections?: number; timeoutMs?: number } = {}) {
    super();
    // One options object: the URL gives host, port, TLS and credentials; the rest configures the pool.
    // (A second argument to createTransport would be message defaults, not transport options.)
    this.transport = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: options.maxConnections ?? 10,
      maxMessages: 1000,
      connectionTimeout: options.timeoutMs ?? 10_000,
      greetingTimeout: options.timeoutMs ?? 10_000,
      socketTimeout: (options.timeoutMs ?? 10_000) * 3,
    } as object);
  }

  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId, headers: m.headers });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
