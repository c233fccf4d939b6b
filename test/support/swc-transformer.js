// Jest transformer: @swc/jest for our TypeScript, and for the ESM-only packages in node_modules
// (NestJS 12, uuid, nodemailer, …). Jest on Node 20 cannot require() ES modules, while plain
// Node 20.19+ can, so only the test runner needs them compiled to CommonJS.
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

const IMPORT_META_URL = /import\.meta\.url/g;
// `const require = createRequire(import.meta.url)` (@nestjs/swagger): compiled to CommonJS, the
// module has its own require, and this line would shadow the one the compiled imports call.
const OWN_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

module.exports = {
  process(source, filename, options) {
    const code = filename.includes('/node_modules/')
      ? source.replace(OWN_REQUIRE, '').replace(IMPORT_META_URL, "require('url').pathToFileURL(__filename).href")
      : source;
    return swc.process(code, filename, options);
  },
  getCacheKey(source, filename, options) {
    return swc.getCacheKey(source, filename, options) + ':esm-meta-2';
  },
};
