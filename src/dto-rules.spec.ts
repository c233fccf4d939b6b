import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import './app.module'; // every controller, and so every DTO class, is declared on the way

// The input rules every DTO keeps, checked on the classes themselves (issue 12): a field that holds one
// nested object must refuse a list (NestedObject), or [] slips through to the services.
describe('DTO rules', () => {
  const all = (getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> }).validationMetadatas;

  it('finds the DTOs', () => {
    expect(all.size).toBeGreaterThan(15);
  });

  it('every single nested object is declared with NestedObject (IsObject beside ValidateNested)', () => {
    const missing: string[] = [];
    for (const [target, metas] of all) {
      for (const nested of metas.filter((m) => m.type === 'nestedValidation' && !m.each)) {
        const sameField = metas.filter((m) => m.propertyName === nested.propertyName);
        if (!sameField.some((m) => m.name === 'isObject')) missing.push(`${(target as { name: string }).name}.${nested.propertyName}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
