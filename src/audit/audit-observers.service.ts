import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditEvent } from './audit-event.entity';

export interface AuditObserver {
  // Runs inside the transaction that records the event, so what it writes commits with the change.
  audited(tx: EntityManager, event: AuditEvent): Promise<void>;
}

// Modules that follow what is recorded (webhooks) register here at start, so audit/ stays a sink:
// it imports none of them.
@Injectable()
export class AuditObservers {
  private readonly observers: AuditObserver[] = [];

  register(observer: AuditObserver): void {
    this.observers.push(observer);
  }

  async notify(tx: EntityManager, event: AuditEvent): Promise<void> {
    for (const observer of this.observers) await observer.audited(tx, event);
  }
}
