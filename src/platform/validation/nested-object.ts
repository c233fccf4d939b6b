import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

// A field that holds one nested object (not a list of them): it must be a JSON object — an array
// is refused with "must be an object" — and its own fields are validated by the given class.
// class-validator's ValidateNested alone lets [] through (an empty list of nothing to check).
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsObject()(target, property);
    ValidateNested()(target, property);
    Type(type)(target, property);
  };
}
