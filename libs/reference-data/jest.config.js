module.exports = {
  ...require('../../jest.preset'),
  displayName: 'reference-data',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../testing/src/jest-global-teardown.ts',
  testTimeout: 60000,
};
