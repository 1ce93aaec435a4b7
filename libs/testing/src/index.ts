export { freePort } from './free-port.js';
export { waitFor } from './wait-for.js';
export { requireKafka, testKafkaBrokers, uniqueName } from './real-kafka.js';
export { createTestDatabase, testPostgresUrl, type TestDatabase } from './real-postgres.js';
export {
  spawnApp,
  spawnNode,
  workspaceRoot,
  type SpawnAppOptions,
  type SpawnedApp,
} from './spawn-app.js';
export { startWithSettings } from './startup-refusal.js';
export {
  newNodeKey,
  startNodeProcess,
  waitForPeers,
  type NodeProcess,
} from './gossip-node-process.js';
export { startRealBanService, type RealBanService } from './real-ban-service.js';
export { startBlockchainSimulator } from './blockchain-simulator.js';
export { startDataHubStub, type DataHubStub } from './data-hub-stub.js';
export {
  dialAndSubscribe,
  publishNodeStatus,
  startGossipPeer,
  type GossipPeer,
} from './gossip-peer.js';
export {
  startPrivateKafka,
  startPrivatePostgres,
  type PrivateKafka,
  type PrivateServer,
} from './private-servers.js';
export { selfSignedCertificate } from './self-signed-certificate.js';
export { serveGrpc } from './grpc-server.js';
export { TERANODE_FEE_POLICY_EVENT } from './teranode-fixtures.js';
export { numberedHash } from './numbered-hash.js';
