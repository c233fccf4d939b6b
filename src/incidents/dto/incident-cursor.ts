import { ValidationError } from '../../platform/http/domain-error';
import { canonicalUuid } from '../../platform/http/uuid.pipe';

// The cursor of a page of incidents (nextCursor): where the last one of the page was, opaque to callers.
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at);
  if (!id || canonicalUuid(id) !== id || Number.isNaN(createdAt.getTime())) {
    throw new ValidationError([{ path: 'cursor', message: 'must be a nextCursor value from an earlier page' }]);
  }
  return { createdAt, id };
}
