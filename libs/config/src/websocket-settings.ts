import type { HostPort } from './host-port.js';
import { declareSettings, optionalSetting, setting } from './setting-definition.js';
import {
  durationKind,
  hostPortKind,
  listKind,
  MAX_TIMER_MS,
  nameKind,
  positiveIntKind,
  type SettingKind,
} from './setting-kinds.js';
import { InvalidSettingValue } from './settings-error.js';

/** A browser origin: scheme, host and optional port, nothing else; the value is canonical. */
function originKind(): SettingKind<string> {
  const expected = 'an origin such as https://example.com or http://localhost:3000 (no path)';
  return {
    type: 'origin',
    expected,
    parse(text) {
      const url = URL.parse(text);
      const isOrigin =
        url !== null &&
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.username === '' &&
        url.password === '' &&
        url.pathname === '/' &&
        url.search === '' &&
        url.hash === '' &&
        !text.endsWith('/');
      if (!isOrigin) throw new InvalidSettingValue(expected);
      return url.origin;
    },
    format: (value) => value,
  };
}

const WS_DEFAULT_LISTEN: HostPort = Object.freeze({ host: '', port: 9906 });

/** ws-gateway: where it serves /p2p-ws and the limits that protect it from clients. */
export const websocketSettings = declareSettings('websocket', {
  p2p_http_listen_address: setting({
    kind: hostPortKind({ listen: true }),
    default: WS_DEFAULT_LISTEN,
    aliases: ['p2p_httpListenAddress'],
    meaning: 'Where ws-gateway serves the /p2p-ws WebSocket feed, /health/* and /metrics.',
  }),
  ws_max_clients: setting({
    kind: positiveIntKind(),
    default: 10_000,
    meaning:
      'Most simultaneous WebSocket clients per replica, dropped clients still closing included; further upgrades get HTTP 503.',
  }),
  ws_max_frame_size: setting({
    kind: positiveIntKind(),
    default: 65_536,
    meaning: 'Largest frame in bytes a client may send; a larger one closes its connection.',
  }),
  ws_allowed_origins: setting({
    kind: listKind(originKind()),
    default: [],
    meaning: 'Browser origins allowed to connect; empty allows any origin, as Teranode does.',
  }),
  ws_ping_interval: setting({
    kind: durationKind({ maxMs: MAX_TIMER_MS }),
    default: 10_000,
    meaning: 'How often every client gets an application-level {"type":"PING"} message.',
  }),
  ws_client_queue_max_messages: setting({
    kind: positiveIntKind(),
    default: 100,
    meaning:
      'Most messages queued for one client; a client that falls further behind is disconnected.',
  }),
  ws_client_queue_max_bytes: setting({
    kind: positiveIntKind(),
    default: 1_048_576,
    meaning:
      'Most bytes queued for one client; a client that falls further behind is disconnected.',
  }),
  ws_node_status_max_nodes: setting({
    kind: positiveIntKind(),
    default: 1_000,
    meaning:
      'Most nodes whose latest node_status is kept to greet new clients; the one heard from longest ago goes first.',
  }),
  ws_replica_name: optionalSetting({
    kind: nameKind(200),
    unset: 'the host name is used (on Kubernetes, the pod name)',
    meaning:
      "This replica's name; it reads p2p events in its own consumer group ws-gateway-<name>, so each replica sees every event.",
  }),
});
