// Unit tests of the ACL plan, and integration tests against a broker of its own in the secured (production) mode,
// started by the global setup on ports of its own (the shared development broker stays PLAINTEXT).
module.exports = require('../../jest.project').withInfrastructure(__dirname, 'security', {
  globalSetup: '<rootDir>/src/testing/secured-broker.setup.ts',
  globalTeardown: '<rootDir>/src/testing/secured-broker.teardown.ts',
  testTimeout: 120000,
});
