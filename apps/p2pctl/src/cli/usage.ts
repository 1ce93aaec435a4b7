export const USAGE = `p2pctl: operate a teranode-p2p deployment

Usage: p2pctl <command> [arguments] [options]

Commands:
  peers                                    connected peers of a gossip node
  connect <multiaddr>                      dial a peer (multiaddr ending in /p2p/<peer id>)
  disconnect <peer-id>                     close every connection to a peer
  ban <ip|cidr|peer-id> [--for 24h | --until <time>] [--reason <text>]
  unban <ip|cidr|peer-id>                  lift exactly this ban
  bans                                     active bans with created / until / remaining / reason / source
  clear-bans                               lift every ban
  score <peer-id> [--add <reason>]         a peer's ban score (reasons: invalid_subtree,
                                           protocol_violation, spam, invalid_block, catchup_failure,
                                           unknown)
  health                                   readiness of every service
  watch [--types block,subtree,...]        live feed from the WebSocket gateway (Ctrl-C stops)
  registry                                 the gossip node's peer registry, best reputation first:
                                           reputation band (malicious, not for sync < 20,
                                           unhealthy < 40, ok), success rate, DataHub URL, last
                                           catch-up error; * marks the sync peer
  peer <peer-id>                           one registry entry, every field
  reputation reset [peer-id]               reputation back to 50 for one peer, or every peer;
                                           gossip-node does not require the admin key for it
                                           (Teranode does not either); the key is sent when set
  sync-peer [--why]                        the sync peer; --why: the last selection's candidates
                                           with the key that ranked each, and why others were
                                           passed over

Options:
  --gossip-node <host:port>   gossip-node gRPC   (env p2p_grpc_address, default localhost:9904)
  --ban-service <host:port>   ban-service gRPC   (env ban_service_grpc_address, default localhost:9907)
  --gateway <url>             ws-gateway base URL (env P2PCTL_GATEWAY, default http://localhost:9906)
  --health <name=url,...>     HTTP base URLs to check (env P2PCTL_HEALTH; default the four services on localhost)
  --api-key <key>             admin key for mutating commands (env grpc_admin_api_key)
  --timeout <duration>        per call, default 5s, at most 1h
  --json                      machine-readable output (sync-peer --json always includes the why)
  -h, --help                  this text

Exit codes: 0 done, 1 failed, 2 bad command or argument, 3 service unreachable or not serving
now, 4 unauthorized, 5 not found.`;
