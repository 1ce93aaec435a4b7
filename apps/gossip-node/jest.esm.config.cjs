module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'gossip-node',
  rootDir: __dirname,
};
