// Every refusal: RFC 9457 problem details as application/problem+json (platform/http/problem-details.filter.ts).
export class FieldErrorSchema {
  // The field, by path (`nature.types`, `If-Match`, `cursor`).
  path: string;
  message: string;
  // A refused contract import: the file's line (1 is the header) and its column (null: the line).
  line?: number;
  column?: string | null;
}

export class ProblemSchema {
  // urn:breachclock:problem:<code>
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  // For 400: each field that was refused.
  errors?: FieldErrorSchema[];
}

export class HealthSchema {
  status: 'ok' | 'degraded' | 'unavailable';
  // For an org_admin's token while degraded: the failing checks with their details.
  checks?: Record<string, object>;
}
