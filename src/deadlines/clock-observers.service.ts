import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadlineKind } from './domain/deadline-rules';

// A clock started, moved, ended or reopened.
export interface ClockChange {
  incidentId: string;
  kind: DeadlineKind;
  dueAt: Date;
  open: boolean; // false once notified or decided not notifiable
}

export interface ClockObserver {
  // Runs inside the transaction that changed the clock, so what it writes commits with the change.
  clockChanged(tx: EntityManager, change: ClockChange): Promise<void>;
}

// Modules that must follow the clocks (escalations) register here at start, so deadlines/ never
// imports them and the dependency runs one way.
@Injectable()
export class ClockObservers {
  private readonly observers: ClockObserver[] = [];

  register(observer: ClockObserver): void {
    this.observers.push(observer);
  }

  async notify(tx: EntityManager, change: ClockChange): Promise<void> {
    for (const observer of this.observers) await observer.clockChanged(tx, change);
  }
}
