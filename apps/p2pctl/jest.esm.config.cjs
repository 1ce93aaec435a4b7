module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'p2pctl',
  rootDir: __dirname,
};
