import { Injectable } from '@nestjs/common';
import { Contract } from '../contracts/contract.entity';
import { ContractsService } from '../contracts/contracts.service';
import { Actor } from '../identity/domain/actor';
import { Database } from '../platform/database/database';
import { currentRequestId } from '../platform/logging/request-context';
import { Change, IncidentChanges } from './incident-changes.service';
import { IncidentQueries, IncidentView } from './incident-queries.service';
import { Incident } from './incident.entity';

// At most this many filings commit in one transaction (a short transaction holds the chain's lock briefly).
const MOST_PER_GROUP = 64;

// What a request files, made once its contract is known (checked by the intake rules; may throw).
export type Prepare = (contract: Contract | null) => { incident: Incident; change: Change };

interface Waiting {
  contractId: string | null;
  prepare: Prepare;
  incident?: Incident;
  change?: Change;
  requestId: string | null;
  resolve: (view: IncidentView) => void;
  reject: (err: unknown) => void;
}

// Group commit of single filings. A system that files many reports at once (a SIEM, a processor's
// integration) sends them as concurrent POST /incidents by one user: each would pay a transaction of
// its own — a reference number, the rows, the duties, the escalation rows, the append to the
// organization's audit chain, a COMMIT — and wait for the chain's lock held by the one before it.
// Here the filings of one user that arrive while that user's previous group commits wait for it and
// then commit together, through the same writer as a chunk of a batch (IncidentChanges.fileAll): one
// read of their contracts, one transaction of a few statements, one append, one read of the answers.
// A lone filing commits at once, as before; nothing waits on a timer. Each request is answered only
// after its own filing committed, with its own view, and each audit event names its own request. A
// group that fails is filed again one by one, so a filing fails only for its own fault.
@Injectable()
export class FilingGroups {
  // Per user: the filings waiting for the group in flight to commit. A key is present while its
  // user's filings are being committed.
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    private readonly db: Database,
    private readonly changes: IncidentChanges,
    private readonly queries: IncidentQueries,
    private readonly contracts: ContractsService,
  ) {}

  // Files what `prepare` makes of the request under the contract `contractId` names, if the actor is
  // a party to it (else null); answers with the new incident as the actor sees it.
  file(actor: Actor, contractId: string | null, prepare: Prepare): Promise<IncidentView> {
    return new Promise((resolve, reject) => {
      const entry: Waiting = { contractId, prepare, requestId: currentRequestId() ?? null, resolve, reject };
      const key = `${actor.organizationId}|${actor.userId}|${actor.role}|${actor.email}`;
      const queue = this.waiting.get(key);
      if (queue) return void queue.push(entry);
      this.waiting.set(key, [entry]);
      void this.drain(key, actor);
    });
  }

  private async drain(key: string, actor: Actor): Promise<void> {
    const queue = this.waiting.get(key)!;
    try {
      while (queue.length > 0) {
        const group = await this.prepared(actor, queue.splice(0, MOST_PER_GROUP));
        const committed = await this.commit(actor, group);
        // The answers are read while the next group commits.
        void this.answer(actor, committed);
      }
    } finally {
      // No await between the last look at the queue and this: a filing arriving now starts a new drain.
      this.waiting.delete(key);
    }
  }

  // The group's contracts in one read, then each filing made; one the rules refuse is answered so.
  private async prepared(actor: Actor, group: Waiting[]): Promise<Waiting[]> {
    let contracts: Map<string, Contract>;
    try {
      contracts = await this.contracts.visibleToMany(
        actor,
        group.flatMap((w) => (w.contractId ? [w.contractId] : [])),
      );
    } catch (err) {
      group.forEach((w) => w.reject(err));
      return [];
    }
    return group.filter((w) => {
      try {
        Object.assign(w, w.prepare(w.contractId ? (contracts.get(w.contractId) ?? null) : null));
        return true;
      } catch (err) {
        w.reject(err);
        return false;
      }
    });
  }

  // The filings that committed; the others are rejected with their own error.
  private async commit(actor: Actor, group: Waiting[]): Promise<Waiting[]> {
    if (group.length === 0) return [];
    const fileAll = (filings: Waiting[]) =>
      this.db.transaction((tx) =>
        this.changes.fileAll(
          tx,
          actor,
          filings.map((w) => ({ incident: w.incident!, change: w.change!, requestId: w.requestId })),
        ),
      );
    try {
      await fileAll(group);
      return group;
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err);
        return [];
      }
    }
    const committed: Waiting[] = [];
    for (const filing of group) {
      try {
        await fileAll([filing]);
        committed.push(filing);
      } catch (err) {
        filing.reject(err);
      }
    }
    return committed;
  }

  private async answer(actor: Actor, committed: Waiting[]): Promise<void> {
    if (committed.length === 0) return;
    try {
      const views = await this.queries.viewsOfFiled(
        actor,
        committed.map((w) => w.incident!),
      );
      committed.forEach((w, n) => w.resolve(views[n]));
    } catch (err) {
      committed.forEach((w) => w.reject(err));
    }
  }
}
