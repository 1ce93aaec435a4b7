module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'local-network',
  rootDir: __dirname,
};
