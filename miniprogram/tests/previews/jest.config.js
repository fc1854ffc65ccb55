// `make previews`: the journeys that photograph every page (not part of `make test`).
const path = require('path');
const base = require('../../jest.config.js').projects[1];

module.exports = Object.assign({}, base, {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'previews',
  testMatch: ['<rootDir>/tests/previews/**/*.test.js'],
  testTimeout: 120000,
});
