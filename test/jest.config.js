module.exports = {
  ...require('../jest.preset'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 120000,
};
