module.exports = require('../../jest.project').withInfrastructure(__dirname, 'dlq', { testTimeout: 120000 });
