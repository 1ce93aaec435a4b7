// The dashboard's page logic: the live feed over the gateway's WebSocket, nodes from their
// node_status messages, peers and bans through the gateway's JSON API.
const FEED_ROWS = 50;
const nodes = new Map();

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
          mutate(`/api/bans/${encodeURIComponent(b.target)}`, { method: 'DELETE' });
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

async function mutate(path, options) {
  const apiKey = $('#ban-form').apiKey.value;
  try {
    await api(path, {
      ...options,
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    });
    $('#ban-error').textContent = '';
  } catch (error) {
    $('#ban-error').textContent = error.message;
  }
  await refreshBans();
}

$('#ban-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  mutate('/api/bans', {
    method: 'POST',
    body: JSON.stringify({
      target: form.target.value,
      duration: form.duration.value,
      reason: form.reason.value,
    }),
  });
});

connect();
refreshPeers();
refreshBans();
setInterval(refreshPeers, 5000);
setInterval(refreshBans, 3000);
