module.exports = require('../../jest.project').withInfrastructure(__dirname, 'lag-exporter', { testTimeout: 120000 });
