module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'blockchain-simulator',
  rootDir: __dirname,
};
