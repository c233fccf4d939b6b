import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Clock } from './clock/clock';
import { AppSettings } from './database/app-settings';
import { SigningKeys } from './signing/signing-keys';
import { Database } from './database/database';
import { SessionLease } from './database/session-lease';
import { HealthChecks } from './health/health-checks';
import { HealthController } from './health/health.controller';
import { IdGenerator, UuidV7Generator } from './ids/id-generator';
import { EmlFileMailer } from './mail/eml-file.mailer';
import { Mailer } from './mail/mailer';
import { SmtpMailer } from './mail/smtp.mailer';
import { TemplateRenderer } from './templates/template-renderer';
import * as path from 'node:path';

export interface PlatformParts {
  config: AppConfig;
  clock: Clock;
  dataSource: DataSource;
  singleSession: boolean;
  lease?: SessionLease;
  readDataSource?: DataSource;
  mailer?: Mailer;
}

// Closes the SMTP pool when the app stops, so no connection is left half-open.
@Injectable()
class MailerShutdown implements OnApplicationShutdown {
  constructor(private readonly mailer: Mailer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.mailer.close();
  }
}

// Config, clock, ids, the database, mail, templates and health checks, provided once for every module.
@Global()
@Module({})
export class PlatformModule {
  static forRoot(parts: PlatformParts): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: parts.config },
        { provide: Clock, useValue: parts.clock },
        { provide: IdGenerator, useFactory: (clock: Clock) => new UuidV7Generator(clock), inject: [Clock] },
        { provide: DataSource, useValue: parts.dataSource },
        { provide: Database, useValue: new Database(parts.dataSource, parts.singleSession, parts.lease, parts.readDataSource ?? null) },
        {
          provide: Mailer,
          useValue:
            parts.mailer ??
            (parts.config.smtpUrl ? new SmtpMailer(parts.config.smtpUrl) : new EmlFileMailer(path.join(parts.config.dataDir, 'outbox'))),
        },
        HealthChecks,
        TemplateRenderer,
        AppSettings,
        SigningKeys,
        MailerShutdown,
      ],
      exports: [AppConfig, Clock, IdGenerator, DataSource, Database, Mailer, HealthChecks, TemplateRenderer, AppSettings, SigningKeys],
    };
  }
}
