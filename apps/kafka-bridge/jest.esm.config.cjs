module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'kafka-bridge',
  rootDir: __dirname,
};
