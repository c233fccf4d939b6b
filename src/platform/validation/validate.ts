import { plainToInstance } from 'class-transformer';
import { ValidationError as ClassValidatorError, validateSync } from 'class-validator';
import { FieldError, ValidationError } from '../http/domain-error';
import { inputShapeProblems } from './input-rules';

// Flattens class-validator's tree into one entry per bad field, with dotted paths
// ("contact.email", "approximateSubjects.count", "nature.types.1").
export function flattenValidationErrors(errors: ClassValidatorError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator's own messages start with the property ("email must be an email",
      // "property foo should not exist"); ours start with the rule. Keep only the rule.
      const own = [`property ${error.property} `, `${error.property} `].find((prefix) => message.startsWith(prefix));
      out.push({ path, message: own ? message.slice(own.length) : message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

// Turns untrusted input (an HTTP body, CLI options) into an instance of a DTO class, or throws a
// ValidationError naming every bad field. Unknown fields are errors, not silently dropped.
export function validateInput<T extends object>(type: new () => T, value: unknown): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError([{ path: '', message: 'must be a JSON object' }]);
  }
  const shape = inputShapeProblems(value);
  if (shape.length > 0) throw new ValidationError(shape);
  const instance = plainToInstance(type, value, { enableImplicitConversion: false });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new ValidationError(flattenValidationErrors(errors));
  return instance;
}
