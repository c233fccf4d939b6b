import type { ContractCsvColumn, ContractCsvRow, LineProblem } from './contract-csv';

// What the database holds for the names in a file: read once, in the import's transaction.
export interface ImportState {
  processorId: string;
  // The controllers named in the file that exist, by slug.
  controllers: Map<string, { id: string; kind: 'controller' | 'processor' | 'both' }>;
  // The DPO e-mail addresses of the file that are already a user's (addresses are unique).
  takenEmails: Set<string>;
  // The processor's contracts with the file's references, by reference.
  contracts: Map<string, { id: string; controllerId: string; noticeHours: number }[]>;
}

export interface NewController {
  line: number;
  slug: string;
  name: string;
  country: string;
  region: string | null;
  sector: 'private' | 'public';
  dpoName: string;
  dpoEmail: string;
}

export interface ImportPlan {
  newControllers: NewController[];
  inserts: { line: number; controllerSlug: string; reference: string; noticeHours: number }[];
  updates: { line: number; contractId: string; reference: string; from: number; to: number }[];
  unchanged: number;
  problems: LineProblem[];
}

const ORGANIZATION_COLUMNS: [ContractCsvColumn, keyof ContractCsvRow][] = [
  ['controller_name', 'controllerName'],
  ['country', 'country'],
  ['region', 'region'],
  ['sector', 'sector'],
  ['dpo_name', 'dpoName'],
  ['dpo_email', 'dpoEmail'],
];

// Decides, for rows whose fields are well-formed, what the import does: which controllers it creates
// (with their DPO), which contracts it creates or updates, and every line that cannot be imported.
// A (processor, reference) names one contract: a row for an existing one updates its notice hours;
// its controller cannot change.
export function planImport(rows: ContractCsvRow[], state: ImportState): ImportPlan {
  const plan: ImportPlan = { newControllers: [], inserts: [], updates: [], unchanged: 0, problems: [] };
  const bad = (line: number, column: ContractCsvColumn, message: string) => plan.problems.push({ line, column, message });
  const firstOfReference = new Map<string, number>();
  const firstOfSlug = new Map<string, ContractCsvRow>();
  const newByEmail = new Map<string, NewController>();
  for (const row of rows) {
    const problemsBefore = plan.problems.length;
    const seen = firstOfReference.get(row.reference);
    if (seen !== undefined) bad(row.line, 'reference', `is also on line ${seen}: each reference once per file`);
    else firstOfReference.set(row.reference, row.line);

    const existing = state.controllers.get(row.controllerSlug);
    if (existing) {
      if (existing.id === state.processorId) bad(row.line, 'controller_slug', 'is the processor itself');
      else if (existing.kind === 'processor') bad(row.line, 'controller_slug', 'is a processor-only organization');
    } else {
      const first = firstOfSlug.get(row.controllerSlug);
      if (first) {
        for (const [column, field] of ORGANIZATION_COLUMNS)
          if (row[field] !== first[field]) bad(row.line, column, `differs from line ${first.line} for the same new controller`);
      } else {
        const required: [ContractCsvColumn, string][] = [
          ['controller_name', row.controllerName],
          ['country', row.country],
          ['dpo_name', row.dpoName],
          ['dpo_email', row.dpoEmail],
        ];
        for (const [column, value] of required) if (!value) bad(row.line, column, 'is required for a controller that does not exist yet');
        const other = row.dpoEmail ? newByEmail.get(row.dpoEmail) : undefined;
        if (state.takenEmails.has(row.dpoEmail)) bad(row.line, 'dpo_email', "is already a user's address (addresses are unique)");
        else if (other) bad(row.line, 'dpo_email', `is also the DPO of the new controller on line ${other.line}`);
        if (plan.problems.length === problemsBefore) {
          const created: NewController = {
            line: row.line,
            slug: row.controllerSlug,
            name: row.controllerName,
            country: row.country,
            region: row.region,
            sector: row.sector,
            dpoName: row.dpoName,
            dpoEmail: row.dpoEmail,
          };
          plan.newControllers.push(created);
          newByEmail.set(row.dpoEmail, created);
        }
        firstOfSlug.set(row.controllerSlug, row);
      }
    }

    const contracts = state.contracts.get(row.reference) ?? [];
    const same = existing ? contracts.find((c) => c.controllerId === existing.id) : undefined;
    if (contracts.length && !same)
      bad(row.line, 'reference', "names this processor's contract with another controller; a contract's controller cannot change");
    if (plan.problems.length > problemsBefore || seen !== undefined) continue;
    if (!same)
      plan.inserts.push({ line: row.line, controllerSlug: row.controllerSlug, reference: row.reference, noticeHours: row.noticeHours });
    else if (same.noticeHours !== row.noticeHours)
      plan.updates.push({ line: row.line, contractId: same.id, reference: row.reference, from: same.noticeHours, to: row.noticeHours });
    else plan.unchanged++;
  }
  plan.problems.sort((a, b) => a.line - b.line);
  return plan;
}
