import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { inputShapeProblems } from '../validation/input-rules';
import { validateInput } from '../validation/validate';
import { ValidationError } from './domain-error';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

// Validates bodies and queries against their DTO class: unknown fields, wrong types and bad enums
// are a 400 that names every bad field. Nothing reaches a service unvalidated.
// Every body, query and path parameter — a DTO's or a web form's alike — first passes the rules for
// all input (input-rules.ts): no NUL, no lone surrogate, no deeper nesting than the limit.
@Injectable()
export class StrictValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const named = metadata.data;
    const problems = inputShapeProblems(value).map((p) => (named ? { ...p, path: p.path ? `${named}.${p.path}` : named } : p));
    if (problems.length > 0) throw new ValidationError(problems);
    const type = metadata.metatype;
    if (metadata.type === 'param' || !type || PRIMITIVES.has(type)) return value;
    return validateInput(type as new () => object, metadata.type === 'query' ? { ...(value as object) } : value);
  }
}
