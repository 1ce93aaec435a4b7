const preset = require('../../jest.preset.cjs');
const path = require('node:path');

const root = path.join(__dirname, '../..');

module.exports = {
  ...preset,
  displayName: 'local-network',
  rootDir: __dirname,
  // The launcher loads the apps by package name at run time (load-service.ts); in tests they
  // resolve to their sources, like the libs, so services compose in this process unbuilt.
  moduleNameMapper: {
    '^@teranode-p2p/(ban-service|blockchain-simulator|gossip-node|kafka-bridge|ws-gateway)$':
      path.join(root, 'apps/$1/src/index.ts'),
    ...preset.moduleNameMapper,
  },
};
