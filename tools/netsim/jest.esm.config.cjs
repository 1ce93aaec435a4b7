const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'netsim',
  rootDir: __dirname,
};
