import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { validateInput } from '../validation/validate';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

// Validates bodies and queries against their DTO class: unknown fields, wrong types and bad enums
// are a 400 that names every bad field. Nothing reaches a service unvalidated.
@Injectable()
export class StrictValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const type = metadata.metatype;
    if (metadata.type === 'custom' || metadata.type === 'param' || !type || PRIMITIVES.has(type)) return value;
    return validateInput(type as new () => object, metadata.type === 'query' ? { ...(value as object) } : value);
  }
}
