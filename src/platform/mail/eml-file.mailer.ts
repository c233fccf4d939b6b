import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { MailMessage, Mailer } from './mailer';

// Without SMTP: each message becomes an RFC 5322 .eml file, named after its Message-ID, so a newcomer
// can open the mails the app would send. A resend overwrites the same file.
export class EmlFileMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(private readonly dir: string) {
    super();
    this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(m: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
      headers: m.headers,
    });
    await fs.mkdir(this.dir, { recursive: true });
    const name = m.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
    const file = path.join(this.dir, `${name}.eml`);
    await fs.writeFile(`${file}.tmp`, info.message as Buffer);
    await fs.rename(`${file}.tmp`, file);
  }

  async close(): Promise<void> {}
}
