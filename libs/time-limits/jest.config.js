module.exports = require('../../jest.project').withInfrastructure(__dirname, 'time-limits');
