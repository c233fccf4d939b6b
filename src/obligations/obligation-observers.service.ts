import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Obligation } from './obligation.entity';
import type { IncidentParties } from './obligations.repository';

// What happened to an obligation in a transaction: created (also the new duty of a reopened
// incident, or a duty the facts bring back after the rules had waived it), its start or due instant
// moved (or another derived value changed), fulfilled (frozen), or waived.
export type ObligationChangeKind = 'created' | 'updated' | 'fulfilled' | 'waived';

export interface ObligationChange {
  kind: ObligationChangeKind;
  // The row as it stands at the end of the change (phase, starts_at, due_at, recipient, …).
  obligation: Obligation;
  // Its incident as the caller has it, when it was filed in this transaction (observers may use
  // what it carries instead of reading the incident back).
  incident?: IncidentParties;
}

export interface ObligationObserver {
  // Runs inside the transaction that changed the obligation, so what it writes commits with it.
  obligationChanged(tx: EntityManager, change: ObligationChange): Promise<void>;
  // Optional: the obligations of incidents filed in this transaction (nothing planned for them yet).
  obligationsFiled?(tx: EntityManager, changes: ObligationChange[]): Promise<void>;
  // What it writes must come after the audit events of a filing (webhook deliveries go out in the
  // order they were written: the incident's own event first). The others run before the append.
  readonly afterAudit?: boolean;
}

// Modules that follow obligations (escalations) register here at start, so obligations/ never
// imports them and the dependency runs one way.
@Injectable()
export class ObligationObservers {
  private readonly observers: ObligationObserver[] = [];

  register(observer: ObligationObserver): void {
    this.observers.push(observer);
  }

  async notify(tx: EntityManager, change: ObligationChange): Promise<void> {
    for (const observer of this.observers) await observer.obligationChanged(tx, change);
  }

  // The changes of many incidents filed in one transaction: an observer that can take them at
  // once (obligationsFiled) gets them in one call, the others one by one.
  // A filing calls it twice, around its audit append (ObligationsService.syncNew): first for the
  // observers that run before it, then for those that run after it (afterAudit).
  async notifyAll(tx: EntityManager, changes: ObligationChange[], phase: 'beforeAudit' | 'afterAudit'): Promise<void> {
    if (changes.length === 0) return;
    for (const observer of this.observers) {
      if (!!observer.afterAudit !== (phase === 'afterAudit')) continue;
      if (observer.obligationsFiled) await observer.obligationsFiled(tx, changes);
      else for (const change of changes) await observer.obligationChanged(tx, change);
    }
  }
}
