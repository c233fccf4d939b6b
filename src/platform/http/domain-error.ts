// The base of every error a module throws on purpose. Modules never throw HTTP exceptions: they say
// what kind of failure it is, and ProblemDetailsFilter turns the kind into a status.
export type ErrorKind =
  | 'validation' // 400: the input is malformed or breaks a rule about a field
  | 'unauthenticated' // 401
  | 'forbidden' // 403: the caller is known but its role may not do this
  | 'not_found' // 404: also for another tenant's data, so existence is never confirmed
  | 'conflict' // 409: stale version, illegal state transition, duplicate
  | 'precondition_required' // 428: a write without the If-Match it needs
  | 'unprocessable' // 422: well-formed, but the law or the state says no
  | 'unavailable'; // 503

export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  // A stable, dotted code (e.g. "incident.version_conflict"); part of the problem type URI.
  abstract readonly code: string;
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;

  constructor(message: string, options: ErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

// Input that does not pass validation. Thrown by the validation pipe and by services for rules that
// need the clock or the database (a discovery date in the future, a contract that does not fit).
export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  readonly code = 'validation';

  constructor(errors: FieldError[], message = 'The request has invalid fields.') {
    super(message, { errors });
  }
}

export interface ErrorOptions {
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

// The error class of one module: its codes, each mapped to a kind. The Record type makes the map
// exhaustive, so a new code without a kind does not compile.
//   export enum IncidentErrorCode { NotFound = 'incident.not_found', … }
//   export class IncidentError extends errorFamily<IncidentErrorCode>({ [IncidentErrorCode.NotFound]: 'not_found', … }) {}
export function errorFamily<C extends string>(kinds: Record<C, ErrorKind>) {
  return class extends DomainError {
    readonly kind: ErrorKind;

    constructor(
      readonly code: C,
      message: string,
      options: ErrorOptions = {},
    ) {
      super(message, options);
      this.kind = kinds[code];
    }
  };
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
