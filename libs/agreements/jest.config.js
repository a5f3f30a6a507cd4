// Pure library: rules and arithmetic, no infrastructure.
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'agreements',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
