import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ImportState } from './domain/contract-import-plan';

// Rows per statement: a few thousand parameters each, well under PostgreSQL's 65,535.
export const IMPORT_CHUNK = 1000;

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  country: string;
  region: string | null;
  sector: string;
  dpoName: string;
  dpoEmail: string;
  timeZone: string;
  locale: string;
  createdAt: Date;
}
export interface UserRow {
  id: string;
  organizationId: string;
  email: string;
  locale: string;
  timeZone: string;
  createdAt: Date;
}
export interface ContractRow {
  id: string;
  controllerId: string;
  processorId: string;
  reference: string;
  noticeHours: number;
  createdAt: Date;
}

// The set-based SQL of a contract import: a few statements per thousand rows, not one round trip
// per row (issue 16). Everything runs in the caller's transaction.
@Injectable()
export class ContractImportRepository {
  // One import per processor at a time: a second waits until the first has committed.
  async lockProcessor(tx: EntityManager, processorId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('contract-import:' || $1, 0))`, [processorId]);
  }

  async state(tx: EntityManager, processorId: string, slugs: string[], emails: string[], references: string[]): Promise<ImportState> {
    // One session: one statement after the other.
    const controllers = await tx.query(`SELECT id, slug, kind FROM organization WHERE slug = ANY($1::text[])`, [slugs]);
    const users = await tx.query(`SELECT email FROM app_user WHERE email = ANY($1::text[])`, [emails]);
    const contracts = await tx.query(
      // A join, not = ANY: a processor with 10,000 contracts and a file of 10,000 references.
      `SELECT c.id, c.controller_id, c.reference, c.processor_notice_hours
         FROM contract c JOIN unnest($2::text[]) AS r(reference) ON r.reference = c.reference WHERE c.processor_id = $1`,
      [processorId, references],
    );
    const byReference = new Map<string, { id: string; controllerId: string; noticeHours: number }[]>();
    for (const c of contracts as { id: string; controller_id: string; reference: string; processor_notice_hours: number }[]) {
      const list = byReference.get(c.reference) ?? [];
      list.push({ id: c.id, controllerId: c.controller_id, noticeHours: Number(c.processor_notice_hours) });
      byReference.set(c.reference, list);
    }
    return {
      processorId,
      controllers: new Map(
        (controllers as { id: string; slug: string; kind: 'controller' }[]).map((o) => [o.slug, { id: o.id, kind: o.kind }]),
      ),
      takenEmails: new Set((users as { email: string }[]).map((u) => u.email)),
      contracts: byReference,
    };
  }

  // New controllers: private or public bodies without NIS2/DORA flags (their admins set those later).
  // A slug taken since the state was read is left out and shows in the count returned.
  async insertOrganizations(tx: EntityManager, rows: OrganizationRow[], progress: (n: number) => void): Promise<number> {
    let inserted = 0;
    for (const chunk of chunks(rows)) {
      const result = await insertValues(
        tx,
        `INSERT INTO organization (id, slug, name, kind, country, region, sector, telecom, postal, dora, dpo_name, dpo_email, time_zone, locale, created_at)`,
        chunk.map((o) => [
          o.id,
          o.slug,
          o.name,
          'controller',
          o.country,
          o.region,
          o.sector,
          false,
          false,
          false,
          o.dpoName,
          o.dpoEmail,
          o.timeZone,
          o.locale,
          o.createdAt,
        ]),
        `ON CONFLICT (slug) DO NOTHING RETURNING id`,
      );
      inserted += result.length;
      progress(chunk.length);
    }
    return inserted;
  }

  // Their DPOs, without a password (the "forgot password" link, or an invitation by the
  // controller's admin, sets one).
  async insertUsers(tx: EntityManager, rows: UserRow[], progress: (n: number) => void): Promise<number> {
    let inserted = 0;
    for (const chunk of chunks(rows)) {
      const result = await insertValues(
        tx,
        `INSERT INTO app_user (id, organization_id, email, role, password_hash, locale, locale_chosen, time_zone, created_at, active)`,
        chunk.map((u) => [u.id, u.organizationId, u.email, 'controller_dpo', null, u.locale, false, u.timeZone, u.createdAt, true]),
        `ON CONFLICT (email) DO NOTHING RETURNING id`,
      );
      inserted += result.length;
      progress(chunk.length);
    }
    return inserted;
  }

  async insertContracts(tx: EntityManager, rows: ContractRow[], progress: (n: number) => void): Promise<number> {
    let inserted = 0;
    for (const chunk of chunks(rows)) {
      const result = await insertValues(
        tx,
        `INSERT INTO contract (id, controller_id, processor_id, reference, processor_notice_hours, data_categories, subject_categories, sub_processors, escalation_contacts, created_at)`,
        chunk.map((c) => [c.id, c.controllerId, c.processorId, c.reference, c.noticeHours, '{}', '{}', '[]', '[]', c.createdAt]),
        `ON CONFLICT (controller_id, processor_id, reference) DO NOTHING RETURNING id`,
      );
      inserted += result.length;
      progress(chunk.length);
    }
    return inserted;
  }

  // The notice hours of existing contracts, one statement per chunk (UPDATE … FROM VALUES).
  async updateNoticeHours(tx: EntityManager, rows: { id: string; hours: number }[], progress: (n: number) => void): Promise<void> {
    for (const chunk of chunks(rows)) {
      const params = chunk.flatMap((r) => [r.id, r.hours]);
      const values = chunk.map((_, i) => `($${2 * i + 1}::uuid, $${2 * i + 2}::integer)`).join(', ');
      await tx.query(
        `UPDATE contract c SET processor_notice_hours = v.hours FROM (VALUES ${values}) AS v(id, hours) WHERE c.id = v.id`,
        params,
      );
      progress(chunk.length);
    }
  }
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK) yield rows.slice(i, i + IMPORT_CHUNK);
}

async function insertValues(tx: EntityManager, head: string, rows: unknown[][], tail: string): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const width = rows[0].length;
  const values = rows.map((r, i) => `(${r.map((_, j) => `$${i * width + j + 1}`).join(', ')})`).join(', ');
  return tx.query(`${head} VALUES ${values} ${tail}`, rows.flat());
}
