import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationError as ClassValidatorError, validateSync } from 'class-validator';
import { FieldError, ValidationError } from './domain-error';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

// Flattens class-validator's tree into one entry per bad field, with dotted paths
// ("contact.email", "approximateSubjects.count", "nature.types.1").
export function flattenValidationErrors(errors: ClassValidatorError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ path, message: message.replace(/^(property )?\S+ /, '') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

// Validates bodies and queries against their DTO class: unknown fields, wrong types and bad enums
// are a 400 that names every bad field. Nothing reaches a service unvalidated.
@Injectable()
export class StrictValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const type = metadata.metatype;
    if (metadata.type === 'custom' || metadata.type === 'param' || !type || PRIMITIVES.has(type)) return value;
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ValidationError([{ path: '', message: 'the body must be a JSON object' }]);
    }
    const instance = plainToInstance(type, value ?? {}, { enableImplicitConversion: false }) as object;
    const errors = validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    if (errors.length > 0) throw new ValidationError(flattenValidationErrors(errors));
    return instance;
  }
}
