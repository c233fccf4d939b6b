import { ValidationOptions, registerDecorator } from 'class-validator';

// An ISO 8601 date-time with seconds optional and an explicit offset or Z. A naive local time
// ("2025-06-06T17:42:10") is refused: nobody can tell which instant it means.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  // Date.parse rolls 2025-02-30 over to March; refuse dates that do not exist.
  const [y, mo, d] = value.slice(0, 10).split('-').map(Number);
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && y >= 1970 && y < 2200;
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an ISO 8601 date-time with an offset or Z, e.g. 2025-06-06T17:42:10+02:00', ...options },
      validator: { validate: (value: unknown) => isInstant(value) },
    });
}
