module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'ban-service',
  rootDir: __dirname,
};
