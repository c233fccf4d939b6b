// Three tiers (docs/testing.md): *.spec.ts (pure), *.db-spec.ts (real PostgreSQL), test/e2e (whole app).
const ESM_PACKAGES = [
  '@nestjs',
  'uuid',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  '@electric-sql',
  'nodemailer',
  'smtp-server',
  'ipv6-normalize',
  'punycode.js',
  'libmime',
  'libbase64',
  'libqp',
  '@seriousme',
  'openid-client',
  'oauth4webapi',
  'jose',
  'oidc-provider',
];
const common = {
  transform: { '^.+\\.(t|j|cj)s$': '<rootDir>/test/support/swc-transformer.js' },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  // Starting the app on a fresh PGlite (WASM) and running every migration takes seconds on a quiet
  // machine and over 30 s on a loaded one (CI shares its cores). A timeout only stops a hung test; no
  // test waits on purpose, and speed goals live in `npm run bench`, not here.
  testTimeout: 120_000,
  moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
  ...common,
  // One worker per core (Jest's default leaves one core idle): the e2e files mostly wait on
  // PostgreSQL, spawned servers and the browser, so two workers on two cores take the suite from
  // about 16 to about 10 minutes (docs/testing.md).
  maxWorkers: '100%',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'db', testMatch: ['<rootDir>/src/**/*.db-spec.ts', '<rootDir>/test/db/**/*.db-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
