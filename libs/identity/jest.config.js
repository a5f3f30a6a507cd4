// Pure library: no infrastructure, so no globalSetup/globalTeardown.
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'identity',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
