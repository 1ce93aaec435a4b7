import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { BanEventOutbox1764100000000 } from './1764100000000-ban-event-outbox.js';
import { DerivedScoreBans1764200000000 } from './1764200000000-derived-score-bans.js';
import { PeerRegistry1764300000000 } from './1764300000000-peer-registry.js';
import { ConnectionLeases1764400000000 } from './1764400000000-connection-leases.js';

/** Every migration, oldest first. */
export const migrations = [
  InitialSchema1764000000000,
  BanEventOutbox1764100000000,
  DerivedScoreBans1764200000000,
  PeerRegistry1764300000000,
  ConnectionLeases1764400000000,
];
