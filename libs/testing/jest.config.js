module.exports = require('../../jest.project').withInfrastructure(__dirname, 'testing');
