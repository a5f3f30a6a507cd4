// The Jest config of a project whose tests run against the real broker and store: its unit specs and its
// integration specs, with the global setup/teardown of libs/testing (shared infrastructure or a local one).
const path = require('path');
const preset = require('./jest.preset');

const testing = path.join(__dirname, 'libs/testing/src');

/** `module.exports = require('../../jest.project').withInfrastructure(__dirname, 'intake');` */
function withInfrastructure(rootDir, displayName, overrides = {}) {
  return {
    ...preset,
    displayName,
    rootDir,
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
    globalSetup: path.join(testing, 'jest-global-setup.ts'),
    globalTeardown: path.join(testing, 'jest-global-teardown.ts'),
    testTimeout: 60000,
    ...overrides,
  };
}

module.exports = { withInfrastructure };
