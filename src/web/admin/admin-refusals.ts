import type { DomainError } from '../../platform/http/domain-error';
import { page } from '../shared/web-answer';

// The status of an admin page that shows a refusal again.
export const refusalStatus = (error: DomainError) =>
  error.kind === 'not_found' ? 404 : error.kind === 'forbidden' ? 403 : error.kind === 'conflict' ? 409 : 400;

export const forbidden = () => page(403, 'Forbidden.');
