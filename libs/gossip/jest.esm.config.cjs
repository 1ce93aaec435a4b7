module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'gossip',
  rootDir: __dirname,
};
