// Pure library: no infrastructure, so no globalSetup/globalTeardown.
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'errors',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
