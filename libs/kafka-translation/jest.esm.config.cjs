module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'kafka-translation',
  rootDir: __dirname,
};
