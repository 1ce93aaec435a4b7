export * as kafkamessage from './generated/kafka_messages.js';
export * as p2p_api from './generated/p2p_api.js';
export * as blockchain_api from './generated/blockchain_api.js';
export * as model from './generated/model.js';
export * as p2p_events from './generated/p2p_events.js';
export * as ban_service from './generated/ban_service.js';
export * as gossip_node from './generated/gossip_node.js';
export { Empty } from './generated/google/protobuf/empty.js';
export { protoDir, protoFile } from './proto-files.js';
