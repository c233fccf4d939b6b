import * as fs from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateMetadata, OUTPUT } = require('../../scripts/openapi-metadata.js');

// The committed metadata.ts is what the compiler plugin reads from today's DTOs and schemas: a DTO
// or schema changed without `npm run openapi:metadata` fails here, with the command to run.
describe('OpenAPI plugin metadata', () => {
  it('is up to date with the DTOs and response schemas (else run npm run openapi:metadata)', () => {
    const fresh: string = generateMetadata();
    expect(fs.readFileSync(OUTPUT, 'utf8') === fresh ? 'up to date' : 'stale: run npm run openapi:metadata').toBe('up to date');
  }, 180_000);
});
