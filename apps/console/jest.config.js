// Unit tests of the console's pure code and the browser journeys (real Chromium, real platform).
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'console',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/server/**/*.spec.ts', '<rootDir>/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 180000,
};
