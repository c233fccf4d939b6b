import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationError } from './domain-error';

// A UUID in a path, in its canonical lower-case form. PostgreSQL compares uuids regardless of case,
// but the ids the app hands around (map keys, links, ETags) are the lower-case text it stores, so an
// upper-case id is made canonical here, once, instead of surprising a lookup further in.
@Injectable()
export class UuidParam implements PipeTransform<unknown, string> {
  constructor(private readonly name = 'id') {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) throw new ValidationError([{ path: this.name, message: 'must be a UUID' }]);
    return value.toLowerCase();
  }
}

export const uuidParam = new UuidParam('id');

// The same rule for ids that arrive elsewhere (web pages, query parameters): the canonical id, or null.
export function canonicalUuid(value: unknown): string | null {
  return typeof value === 'string' && isUUID(value) ? value.toLowerCase() : null;
}
