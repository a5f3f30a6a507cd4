// Runs the project's TypeScript scripts (partner tool, token minting, topics, benchmark) without a build step:
// ts-node transpiles, tsconfig-paths resolves the @readmission/* aliases.
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
require('ts-node/register');
require('tsconfig-paths/register');
