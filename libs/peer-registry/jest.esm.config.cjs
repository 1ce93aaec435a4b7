module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'peer-registry',
  rootDir: __dirname,
};
