export * from './topic-contract.js';
export * from './p2p-topics.js';
export * from './teranode-topics.js';
export * from './dead-letter-topic.js';
export * from './all-topics.js';
