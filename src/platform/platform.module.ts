import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Clock } from './clock/clock';
import { Database } from './database/database';
import { HealthController } from './health/health.controller';
import { IdGenerator, UuidV7Generator } from './ids/id-generator';

export interface PlatformParts {
  config: AppConfig;
  clock: Clock;
  dataSource: DataSource;
  singleSession: boolean;
}

// Config, clock, ids and the database, provided once for every module.
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
        { provide: Database, useValue: new Database(parts.dataSource, parts.singleSession) },
      ],
      exports: [AppConfig, Clock, IdGenerator, DataSource, Database],
    };
  }
}
