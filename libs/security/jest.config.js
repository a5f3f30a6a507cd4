// Unit tests of the ACL plan, and integration tests against a broker of its own in the secured (production) mode,
// started by the global setup on ports of its own (the shared development broker stays PLAINTEXT).
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'security',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/src/testing/secured-broker.setup.ts',
  globalTeardown: '<rootDir>/src/testing/secured-broker.teardown.ts',
  testTimeout: 120000,
};
