import { Type } from 'class-transformer';
import { IsEmail, IsInt, Min, ValidateNested } from 'class-validator';
import { ValidationError } from '../http/domain-error';
import { IsInstant } from './is-instant';
import { validateInput } from './validate';

class Inner {
  @IsEmail()
  email: string;
}

class Outer {
  @IsInt()
  @Min(0)
  count: number;

  @IsInstant()
  at: string;

  @ValidateNested()
  @Type(() => Inner)
  inner: Inner;
}

function errorsOf(value: unknown) {
  try {
    validateInput(Outer, value);
  } catch (e) {
    return (e as ValidationError).errors;
  }
  return [];
}

describe('validateInput', () => {
  it('names each bad field by its dotted path, with the rule and without the property name', () => {
    expect(errorsOf({ count: -1, at: '2025-06-06T17:42:10', inner: { email: 'nope', extra: 1 } })).toEqual([
      { path: 'count', message: 'must not be less than 0' },
      { path: 'at', message: 'must be an ISO 8601 date-time with an offset or Z, e.g. 2025-06-06T17:42:10+02:00' },
      { path: 'inner.extra', message: 'should not exist' },
      { path: 'inner.email', message: 'must be an email' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    for (const value of [null, [], 'text', 3]) expect(errorsOf(value)).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });

  it('accepts and returns an instance when everything is valid', () => {
    const ok = validateInput(Outer, { count: 0, at: '2025-06-06T17:42:10Z', inner: { email: 'a@b.example' } });
    expect(ok).toBeInstanceOf(Outer);
    expect(ok.inner).toBeInstanceOf(Inner);
  });
});
