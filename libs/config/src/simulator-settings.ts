import type { HostPort } from './host-port.js';
import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import {
  boolKind,
  durationKind,
  enumKind,
  hostPortKind,
  MAX_TIMER_MS,
  nonNegativeIntKind,
  positiveIntKind,
  stringKind,
} from './setting-kinds.js';

/** FSM states of Teranode's blockchain service (blockchain_api.FSMStateType). */
export const FSM_STATES = ['IDLE', 'RUNNING', 'CATCHINGBLOCKS', 'LEGACYSYNCING'] as const;

function allInterfaces(port: number): HostPort {
  return Object.freeze({ host: '', port });
}

/** The Teranode blockchain-service simulator used by tests and the local network. */
export const simulatorSettings = declareSettings('simulator', {
  simulator_grpc_listen_address: setting({
    kind: hostPortKind({ listen: true }),
    default: allInterfaces(8087),
    meaning:
      'Where the simulator serves the blockchain_api.BlockchainAPI subset (gossip-node dials blockchain_grpc_address).',
  }),
  simulator_http_listen_address: setting({
    kind: hostPortKind({ listen: true }),
    default: allInterfaces(9913),
    meaning: 'Where the simulator serves /health/liveness, /health/readiness and /metrics.',
  }),
  simulator_block_interval: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 5000,
    meaning: 'A new block is mined this often.',
  }),
  simulator_subtrees_per_block: setting({
    kind: positiveIntKind(64),
    default: 2,
    meaning: 'Subtree notifications sent before each block notification.',
  }),
  simulator_fsm_state: setting({
    kind: enumKind(FSM_STATES),
    default: 'RUNNING',
    meaning:
      'The FSM state the simulator reports (CATCHINGBLOCKS or LEGACYSYNCING make nodes skip announcements).',
  }),
  simulator_miner: setting({
    kind: stringKind({ maxLength: 100, expected: 'at most 100 characters' }),
    default: '/teranode-p2p-simulator/',
    meaning: 'Miner name reported in block metadata.',
  }),
  simulator_block_persister_lag: optionalSetting({
    kind: nonNegativeIntKind(1_000_000),
    unset:
      'no block persister: GetState("BlockPersisterHeight") is NOT_FOUND, and gossip-node says storage "pruned", as Teranode does',
    meaning:
      'A simulated block persister this many blocks behind the tip: GetState("BlockPersisterHeight") answers the tip height minus this (at least 0), so 0 gives nodes storage "full" and more than global_blockHeightRetention gives "pruned".',
  }),
  simulator_catch_up: setting({
    kind: boolKind(),
    default: false,
    meaning:
      "Act as the block validation of the simulated Teranode for the FSM: a block on KAFKA_BLOCKS that the chain does not know (gossip-node's catch-up trigger) switches the reported FSM state from RUNNING to CATCHINGBLOCKS, with an FSMState notification; it stays there, as the simulator downloads no blocks.",
  }),
  simulator_max_subscribers: setting({
    kind: positiveIntKind(10_000),
    default: 64,
    meaning: 'Subscribe streams served at once; more are refused with RESOURCE_EXHAUSTED.',
  }),
});
