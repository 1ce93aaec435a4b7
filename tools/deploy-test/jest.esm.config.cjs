module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'deploy-test',
  rootDir: __dirname,
};
