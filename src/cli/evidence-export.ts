import { INestApplicationContext } from '@nestjs/common';
import * as fs from 'node:fs';
import type { Actor } from '../identity/domain/actor';
import { ValidationError } from '../platform/http/domain-error';
import { EvidenceService } from '../evidence/evidence.service';
import { RegisterEvidenceService } from '../evidence/register-evidence.service';

export interface EvidenceExportOptions {
  incident?: string;
  register?: boolean;
  org?: string;
  from?: string;
  to?: string;
  timeZone?: string;
  out: string;
}

// The CLI reads as a DPO of the organization whose side it exports (the operator's own machine).
const dpoOf = (organizationId: string, timeZone = 'UTC'): Actor => ({
  userId: '',
  email: 'cli',
  organizationId,
  role: 'controller_dpo',
  locale: 'en',
  timeZone,
});

const write = (file: string, value: unknown) => fs.writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`, { mode: 0o600 });

// `evidence export --incident`: one incident's bundle, the controller's side.
export async function exportIncident(ctx: INestApplicationContext, incident: string, file: string, out: (line: string) => void) {
  const service = ctx.get(EvidenceService);
  const found = await service.find(incident);
  if (!found) throw new Error(`no incident ${incident}`);
  // A draft is still the processor's alone; afterwards the controller's side sees all of it.
  const organizationId = found.status === 'draft' && found.reporterOrgId ? found.reporterOrgId : found.controllerId;
  const { reference, bundle } = await service.signed(dpoOf(organizationId), found.id, 'cli');
  write(file, bundle);
  out(
    `evidence of ${reference} written to ${file}: ${bundle.events.length} events, ${bundle.facts.length} states of the facts; signed by key ${bundle.signature?.keyFingerprint}`,
  );
}

// `evidence export --register --org <slug> --from … --to …`: the register of the period (days in
// --time-zone, UTC unless given).
export async function exportRegister(ctx: INestApplicationContext, o: EvidenceExportOptions, out: (line: string) => void): Promise<number> {
  const service = ctx.get(RegisterEvidenceService);
  const organization = await service.organization(o.org!);
  if (!organization) throw new Error(`no organization ${o.org}`);
  try {
    const bundle = await service.bundle(dpoOf(organization.id, o.timeZone), o.from, o.to, 'cli');
    write(o.out, bundle);
    out(
      `register evidence of ${organization.slug} for ${bundle.period.from} … ${bundle.period.to} written to ${o.out}: ${bundle.register.length} entries, ${bundle.incidents.length} incident bundles; signed by key ${bundle.signature?.keyFingerprint}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const e of error.errors ?? []) process.stderr.write(`error: --${e.path === 'timeZone' ? 'time-zone' : e.path} ${e.message}\n`);
    return 2;
  }
}
