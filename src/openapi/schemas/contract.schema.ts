import type { Lang } from '../../i18n/languages';
import { OrganizationRefSchema } from './incident.schema';

// The DPAs (contracts/dto/contract.response.ts); schemas.spec.ts holds these to the mapper.
export class SubProcessorSchema {
  name: string;
  address?: string;
  service?: string;
}

export class EscalationContactSchema {
  name: string;
  email: string;
  locale?: Lang;
}

export class EscalationSettingsSchema {
  milestones: string[];
  deputies: EscalationContactSchema[];
  deputiesAfter: string;
  // Reminders for duties without a deadline: `12h`, `off`, or `default` (the organization's).
  reminders: string;
}

export class ContractSchema {
  id: string;
  reference: string;
  controller: OrganizationRefSchema;
  processor: OrganizationRefSchema;
  signedOn: string | null;
  processorNoticeHours: number;
  dataCategories: string[];
  subjectCategories: string[];
  subProcessors: SubProcessorSchema[];
  escalationContacts: EscalationContactSchema[];
  escalation: EscalationSettingsSchema;
}

export class ContractListSchema {
  items: ContractSchema[];
}

// POST /api/v1/contracts/import (contracts/dto/contract-import.response.ts).
export class ContractImportSchema {
  created: number;
  updated: number;
  // Rows naming an existing contract with the same terms.
  unchanged: number;
  controllersCreated: number;
  // SHA-256 of the file (hex), as in the audit event of the import.
  sha256: string;
}
