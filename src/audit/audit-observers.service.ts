import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditEvent } from './audit-event.entity';

export interface AuditObserver {
  // Runs inside the transaction that records the event, so what it writes commits with the change.
  audited(tx: EntityManager, event: AuditEvent): Promise<void>;
  // Optional: the events of one append at once (a filing of many incidents), in their order.
  auditedAll?(tx: EntityManager, events: AuditEvent[]): Promise<void>;
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

  // The events of one append: an observer that takes them at once gets them in one call.
  async notifyAll(tx: EntityManager, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const observer of this.observers) {
      if (observer.auditedAll) await observer.auditedAll(tx, events);
      else for (const event of events) await observer.audited(tx, event);
    }
  }
}
