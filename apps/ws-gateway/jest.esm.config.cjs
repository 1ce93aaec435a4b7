module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'ws-gateway',
  rootDir: __dirname,
};
