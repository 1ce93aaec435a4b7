module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'bounded-collections',
  rootDir: __dirname,
};
