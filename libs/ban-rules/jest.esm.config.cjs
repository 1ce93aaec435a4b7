module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'ban-rules',
  rootDir: __dirname,
};
