import { DomainError } from '../../platform/http/domain-error';
import { canonicalUuid } from '../../platform/http/uuid.pipe';
import { PageNotFound } from '../shared/web-errors';

// A batch's id from the address; any other text is a page that does not exist.
export function batchIdOf(id: string): string {
  const canonical = canonicalUuid(id);
  if (!canonical) throw new PageNotFound();
  return canonical;
}

// A batch the service does not know (or not for this organization): the 404 page.
export function notFound(error: unknown): never {
  if (error instanceof DomainError && error.kind === 'not_found') throw new PageNotFound();
  throw error;
}
