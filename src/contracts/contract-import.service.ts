import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditActor, AuditEntry, AuditService, createdChanges } from '../audit/audit.service';
import { Actor } from '../identity/domain/actor';
import { defaultLocale, defaultTimeZone } from '../identity/domain/places';
import { IdentityService } from '../identity/identity.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { IdGenerator } from '../platform/ids/id-generator';
import { ContractError, ContractErrorCode } from './contracts.errors';
import { ContractImportRepository } from './contract-import.repository';
import { LineProblem, readContractCsv } from './domain/contract-csv';
import { planImport } from './domain/contract-import-plan';

export interface ContractImportResult {
  created: number;
  updated: number;
  unchanged: number;
  controllersCreated: number;
  // SHA-256 of the file as received (hex): the audit event names it.
  sha256: string;
}

// Progress of the writing, for a terminal's progress bar: rows and audit events written of the total.
export type ImportProgress = (done: number, total: number) => void;

// Audit events appended per statement (each event is a row of about a dozen parameters).
const AUDIT_CHUNK = 2000;

// The bulk DPA import (issue 16): one CSV file of a processor's contracts, all or nothing. The CLI
// and the API (and the contracts page) call this.
@Injectable()
export class ContractImportService {
  constructor(
    private readonly db: Database,
    private readonly repo: ContractImportRepository,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // The processor's own org admin (API, page).
  async importFor(actor: Actor, file: Buffer | string, by: AuditActor, progress?: ImportProgress): Promise<ContractImportResult> {
    if (actor.role !== 'org_admin')
      throw new ContractError(ContractErrorCode.NotProcessor, "Only an org admin imports the organization's contracts.");
    const processor = await this.identity.organizationById(actor.organizationId);
    if (!processor || processor.kind === 'controller')
      throw new ContractError(ContractErrorCode.NotProcessor, 'Only a processor imports contracts with its customers.');
    return this.run(processor.id, file, by, progress);
  }

  // The operator, naming the processor (CLI: contract import --processor <slug>).
  async importForSlug(
    processorSlug: string,
    file: Buffer | string,
    by: AuditActor,
    progress?: ImportProgress,
  ): Promise<ContractImportResult> {
    const processor = await this.identity.organizationBySlug(processorSlug);
    if (!processor)
      throw new ContractError(ContractErrorCode.WrongParty, `No organization "${processorSlug}".`, {
        errors: [{ path: 'processor', message: 'does not exist' }],
      });
    if (processor.kind === 'controller')
      throw new ContractError(ContractErrorCode.WrongParty, `"${processorSlug}" is a controller-only organization.`, {
        errors: [{ path: 'processor', message: 'is a controller-only organization' }],
      });
    return this.run(processor.id, file, by, progress);
  }

  private async run(processorId: string, file: Buffer | string, by: AuditActor, progress?: ImportProgress): Promise<ContractImportResult> {
    const bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const lossy = new TextDecoder('utf-8').decode(bytes);
      throw refused([{ line: lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length, column: '', message: 'is not valid UTF-8' }]);
    }
    // Lines with bad fields are named together with the lines the database refuses (a taken address,
    // a reference of another controller): every bad line at once, not one kind after the other.
    const { rows, problems } = readContractCsv(text);

    return this.db.transaction(async (tx) => {
      await this.repo.lockProcessor(tx, processorId);
      const state = await this.repo.state(
        tx,
        processorId,
        [...new Set(rows.map((r) => r.controllerSlug))],
        [...new Set(rows.map((r) => r.dpoEmail).filter(Boolean))],
        [...new Set(rows.map((r) => r.reference))],
      );
      const plan = planImport(rows, state);
      const all = [...problems, ...plan.problems].sort((a, b) => a.line - b.line);
      if (all.length) throw refused(all);

      const now = this.clock.now();
      const organizations = plan.newControllers.map((c) => ({
        id: this.ids.next(),
        slug: c.slug,
        name: c.name,
        country: c.country,
        region: c.region,
        sector: c.sector,
        dpoName: c.dpoName,
        dpoEmail: c.dpoEmail,
        timeZone: defaultTimeZone(c.country),
        locale: defaultLocale(c.country),
        createdAt: now,
      }));
      const users = organizations.map((o) => ({
        id: this.ids.next(),
        organizationId: o.id,
        email: o.dpoEmail,
        locale: o.locale,
        timeZone: o.timeZone,
        createdAt: now,
      }));
      // Progress counts rows written and audit events (one per row written, and the import's).
      const written = 2 * organizations.length + plan.inserts.length + plan.updates.length;
      const total = 2 * written + 1;
      let done = 0;
      const step = (n: number) => progress?.((done += n), total);
      progress?.(0, total);
      // Another organization or user made with the same name meanwhile: refuse, nothing is kept.
      if ((await this.repo.insertOrganizations(tx, organizations, step)) !== organizations.length)
        throw new ContractError(ContractErrorCode.Duplicate, 'A controller of the file was created meanwhile; import the file again.');
      if ((await this.repo.insertUsers(tx, users, step)) !== users.length)
        throw new ContractError(ContractErrorCode.Duplicate, "A DPO's address was taken meanwhile; import the file again.");

      const controllerIds = new Map([...state.controllers].map(([slug, c]) => [slug, c.id]));
      for (const o of organizations) controllerIds.set(o.slug, o.id);
      const contracts = plan.inserts.map((c) => ({
        id: this.ids.next(),
        controllerId: controllerIds.get(c.controllerSlug)!,
        processorId,
        reference: c.reference,
        noticeHours: c.noticeHours,
        createdAt: now,
      }));
      if ((await this.repo.insertContracts(tx, contracts, step)) !== contracts.length)
        throw new ContractError(ContractErrorCode.Duplicate, 'A contract of the file was created meanwhile; import the file again.');
      await this.repo.updateNoticeHours(
        tx,
        plan.updates.map((u) => ({ id: u.contractId, hours: u.to })),
        step,
      );

      const result = {
        created: contracts.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged,
        controllersCreated: organizations.length,
        sha256,
      };
      await this.recordEvents(
        tx,
        by,
        processorId,
        { organizations, users, contracts, updates: plan.updates, rows: rows.length, result },
        step,
      );
      return result;
    });
  }

  // The audit trail of an import: one event per organization, user and contract created and per
  // contract changed (each entity's own history, as for one made by hand), and one event for the
  // import itself with the file's SHA-256 and the counts, on the processor (docs/decisions.md).
  private async recordEvents(
    tx: Parameters<Parameters<Database['transaction']>[0]>[0],
    by: AuditActor,
    processorId: string,
    w: {
      organizations: { id: string; slug: string; name: string; country: string; region: string | null; sector: string; locale: string }[];
      users: { id: string; organizationId: string; email: string }[];
      contracts: { id: string; controllerId: string; reference: string; noticeHours: number }[];
      updates: { contractId: string; from: number; to: number }[];
      rows: number;
      result: Omit<ContractImportResult, 'sha256'> & { sha256: string };
    },
    step: (n: number) => void,
  ): Promise<void> {
    const entries: AuditEntry[] = [
      ...w.organizations.map((o) => ({
        action: 'organization.created',
        entityType: 'organization',
        entityId: o.id,
        changes: createdChanges({
          slug: o.slug,
          name: o.name,
          kind: 'controller',
          country: o.country,
          region: o.region,
          sector: o.sector,
          locale: o.locale,
        }),
      })),
      ...w.users.map((u) => ({
        action: 'user.created',
        entityType: 'user',
        entityId: u.id,
        changes: createdChanges({
          email: u.email,
          role: 'controller_dpo',
          organizationId: u.organizationId,
          password: 'none',
          locale: null,
        }),
      })),
      ...w.contracts.map((c) => ({
        action: 'contract.created',
        entityType: 'contract',
        entityId: c.id,
        changes: createdChanges({ controllerId: c.controllerId, processorId, reference: c.reference, processorNoticeHours: c.noticeHours }),
      })),
      ...w.updates.map((u) => ({
        action: 'contract.updated',
        entityType: 'contract',
        entityId: u.contractId,
        changes: { processorNoticeHours: { from: u.from, to: u.to } },
      })),
      {
        action: 'contract.imported',
        entityType: 'organization',
        entityId: processorId,
        changes: createdChanges({
          fileSha256: w.result.sha256,
          rows: w.rows,
          created: w.result.created,
          updated: w.result.updated,
          unchanged: w.result.unchanged,
          controllersCreated: w.result.controllersCreated,
        }),
      },
    ];
    for (let i = 0; i < entries.length; i += AUDIT_CHUNK) {
      const chunk = entries.slice(i, i + AUDIT_CHUNK);
      await this.audit.recordAll(tx, by, chunk);
      step(chunk.length);
    }
  }
}

// Every bad line, with its number, its column and why; nothing was imported.
function refused(problems: LineProblem[]): ContractError {
  const lines = new Set(problems.map((p) => p.line)).size;
  return new ContractError(
    ContractErrorCode.ImportRefused,
    `The file was not imported: ${lines} line${lines === 1 ? '' : 's'} cannot be imported.`,
    {
      errors: problems.map((p) => ({ path: p.column || 'line', line: p.line, column: p.column || null, message: p.message })),
    },
  );
}
