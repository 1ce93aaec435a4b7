// The dashboard's page logic: the live feed over the gateway's WebSocket, nodes from their
// node_status messages, peers, bans and the peer registry through the gateway's JSON API.
// Everything a remote peer chose (client names, URLs, error texts) reaches the page as text
// (textContent, attributes set as properties); nothing is parsed as HTML.
const FEED_ROWS = 50;
const nodes = new Map();
const BANDS = {
  malicious: 'malicious',
  'not-for-sync': 'not for sync',
  unhealthy: 'unhealthy',
  ok: 'ok',
};

const $ = (selector) => document.querySelector(selector);
const short = (text) =>
  text && text.length > 20 ? `${text.slice(0, 8)}…${text.slice(-8)}` : (text ?? '');

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  td.title = text ?? '';
  return td;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const c of cells) tr.append(c);
  return tr;
}

/** A link only for http(s) URLs (never javascript: or data:), opened without access to this page. */
function urlCell(url) {
  if (!/^https?:\/\//i.test(url ?? '')) return cell(url || '-');
  const td = cell('');
  td.title = url;
  const a = document.createElement('a');
  a.href = url;
  a.textContent = url;
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  td.append(a);
  return td;
}

function button(text, onclick) {
  const td = document.createElement('td');
  const b = document.createElement('button');
  b.textContent = text;
  b.onclick = onclick;
  td.append(b);
  return td;
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/p2p-ws`);
  const status = $('#connection');
  socket.onopen = () => {
    status.textContent = 'live';
    status.className = 'status up';
  };
  socket.onclose = () => {
    status.textContent = 'disconnected, retrying…';
    status.className = 'status down';
    setTimeout(connect, 2000);
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'node_status') return showNode(message);
    if (message.type === 'PING') return;
    const body = $('#feed tbody');
    body.prepend(
      row([
        cell(new Date(message.timestamp ?? Date.now()).toLocaleTimeString()),
        cell(message.type),
        cell(message.height === undefined ? '' : String(message.height)),
        cell(message.hash, 'hash'),
        cell(short(message.peer_id ?? message.peerID)),
      ]),
    );
    while (body.children.length > FEED_ROWS) body.lastChild.remove();
  };
}

function showNode(status) {
  nodes.set(status.peer_id, status);
  const body = $('#nodes tbody');
  body.replaceChildren(
    ...[...nodes.values()].map((n) =>
      row([
        cell(short(n.peer_id)),
        cell(n.client_name),
        cell(String(n.best_height ?? '')),
        cell(n.best_block_hash, 'hash'),
        cell(n.version),
        cell(n.fsm_state),
        cell(n.listen_mode),
        cell(n.storage || '-'),
        cell(n.sync_peer_id ? `${short(n.sync_peer_id)} at ${n.sync_peer_height ?? '?'}` : '-'),
      ]),
    ),
  );
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

async function refreshPeers() {
  try {
    const peers = await api('/api/peers');
    $('#peers-error').textContent = '';
    $('#peers tbody').replaceChildren(
      ...peers.map((p) =>
        row([
          cell(short(p.id)),
          cell(p.addr),
          cell(p.inbound ? 'in' : 'out'),
          cell(String(p.currentHeight)),
          cell(p.subVer),
          cell(String(p.banscore)),
        ]),
      ),
    );
  } catch (error) {
    $('#peers-error').textContent = error.message;
  }
}

async function refreshBans() {
  try {
    const bans = await api('/api/bans');
    $('#bans tbody').replaceChildren(
      ...bans.map((b) => {
        const unban = document.createElement('button');
        unban.textContent = 'unban';
        unban.onclick = () =>
          mutate(`/api/bans/${encodeURIComponent(b.target)}`, { method: 'DELETE' }, BAN_PANEL);
        const action = document.createElement('td');
        action.append(unban);
        return row([
          cell(b.target, 'hash'),
          cell(b.kind),
          cell(b.until),
          cell(b.source),
          cell(b.reason),
          action,
        ]);
      }),
    );
  } catch (error) {
    $('#ban-error').textContent = error.message;
  }
}

/** A change with the admin key of `panel`'s form; the answer or error shown there, then a refresh. */
async function mutate(path, options, panel) {
  try {
    await api(path, {
      ...options,
      headers: { 'content-type': 'application/json', 'x-api-key': panel.form.apiKey.value },
    });
    panel.error.textContent = '';
  } catch (error) {
    panel.error.textContent = error.message;
  }
  await panel.refresh();
}

const BAN_PANEL = { form: $('#ban-form'), error: $('#ban-error'), refresh: refreshBans };
const REGISTRY_PANEL = {
  form: $('#reset-form'),
  error: $('#reset-error'),
  refresh: refreshRegistry,
};

function resetReputation(peerId) {
  return mutate(
    '/api/registry/reset-reputation',
    { method: 'POST', body: JSON.stringify({ peer_id: peerId }) },
    REGISTRY_PANEL,
  );
}

function peerCell(p) {
  const peer = cell(short(p.id), 'hash');
  peer.title = p.id;
  if (p.is_sync_peer) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = 'sync';
    peer.append(badge);
  }
  return peer;
}

function reputationCell(p) {
  const band = Object.hasOwn(BANDS, p.band) ? p.band : 'ok';
  const td = cell(`${p.reputation_score.toFixed(2)} ${BANDS[band]}`, `band band-${band}`);
  td.title = p.unhealthy_reason || BANDS[band];
  return td;
}

// Each table of the registry view as its columns (header, cell), so the two never drift apart.
const REGISTRY_COLUMNS = [
  ['peer', peerCell],
  ['client', (p) => cell(p.client_name, 'hash')],
  ['reputation', reputationCell],
  ['success', (p) => cell(p.success_rate === null ? '-' : `${Math.round(p.success_rate * 100)}%`)],
  ['attempts', (p) => cell(String(p.interaction_attempts))],
  ['failures', (p) => cell(String(p.interaction_failures))],
  ['height', (p) => cell(String(p.height))],
  ['storage', (p) => cell(p.storage || '-')],
  ['connected', (p) => cell(p.is_connected ? 'yes' : 'no')],
  ['banned', (p) => cell(p.is_banned ? `yes (${p.ban_score})` : 'no')],
  ['DataHub URL', (p) => urlCell(p.data_hub_url)],
  ['last catch-up error', (p) => cell(p.last_catchup_error, 'hash')],
  ['', (p) => button('reset', () => resetReputation(p.id))],
];
const CANDIDATE_COLUMNS = [
  ['rank', (c) => cell(String(c.rank))],
  ['candidate', (c) => cell(short(c.peer_id), 'hash')],
  ['reputation', (c) => cell(c.reputation_score.toFixed(2))],
  [
    'avg response',
    (c) => cell(c.avg_response_time_ms > 0 ? `${Math.round(c.avg_response_time_ms)} ms` : '-'),
  ],
  ['height', (c) => cell(String(c.height))],
  ['ranked by', (c) => cell(c.ranked_by)],
];
const EXCLUDED_COLUMNS = [
  ['passed over', (e) => cell(short(e.peer_id), 'hash')],
  ['why', (e) => cell(e.why)],
  ['detail', (e) => cell(e.detail)],
];

/** Fills `table`'s body with a row per item, and its head once. */
function fill(table, columns, items, rowClass = () => '') {
  const head = $(`${table} thead`);
  if (head.children.length === 0) {
    head.append(
      row(
        columns.map(([name]) => {
          const th = document.createElement('th');
          th.textContent = name;
          return th;
        }),
      ),
    );
  }
  $(`${table} tbody`).replaceChildren(
    ...items.map((item) => {
      const tr = row(columns.map(([, render]) => render(item)));
      tr.className = rowClass(item);
      return tr;
    }),
  );
}

function showSync(sync) {
  const line = $('#sync-peer');
  if (sync === null) {
    line.textContent = 'this gossip node does not say which peer it syncs from';
    return;
  }
  const when =
    sync.selected_at_ms > 0
      ? `last selection ${new Date(sync.selected_at_ms).toLocaleTimeString()} (${sync.cause}, local height ${sync.local_height}): ${sync.outcome}`
      : 'no selection yet';
  line.textContent = `${sync.sync_peer ? `sync peer ${sync.sync_peer}` : 'no sync peer'}; ${when}`;
  fill('#sync-candidates', CANDIDATE_COLUMNS, sync.candidates);
  fill('#sync-excluded', EXCLUDED_COLUMNS, sync.excluded);
}

async function refreshRegistry() {
  try {
    const { peers, sync } = await api('/api/registry');
    $('#registry-error').textContent = '';
    fill('#registry', REGISTRY_COLUMNS, peers, (p) => (p.is_sync_peer ? 'sync-peer' : ''));
    showSync(sync);
  } catch (error) {
    $('#registry-error').textContent = error.message;
  }
}

$('#ban-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  mutate(
    '/api/bans',
    {
      method: 'POST',
      body: JSON.stringify({
        target: form.target.value,
        duration: form.duration.value,
        reason: form.reason.value,
      }),
    },
    BAN_PANEL,
  );
});

$('#reset-form').addEventListener('submit', (event) => {
  event.preventDefault();
  resetReputation('');
});

connect();
refreshPeers();
refreshBans();
refreshRegistry();
setInterval(refreshPeers, 5000);
setInterval(refreshBans, 3000);
setInterval(refreshRegistry, 5000);
