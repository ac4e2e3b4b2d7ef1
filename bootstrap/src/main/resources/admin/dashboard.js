// Strata operations dashboard: polls GET /v1/admin/overview every 2 s with the admin token held in this tab's
// sessionStorage, draws two charts on canvas, lists alerts and consumer groups, and runs confirmed actions.
// No framework, no build step, no third-party code; every value from the server is written as text, never as HTML.
'use strict';
(function () {
  const TOKEN_KEY = 'strata.admin.token';
  const POLL_MS = 2000;
  const TIMEOUT_MS = 5000;
  const AUDIT_EVERY = 5; // polls between two reads of the audit log (others' actions show within 10 s)
  const HISTORY = 300; // samples kept for the charts: 10 minutes at one per 2 s
  const $ = (id) => document.getElementById(id);
  const history = { hit: [], redisHit: [], p95: [], ping: [] };
  let timer = null;
  let pending = null; // the action waiting for confirmation

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  async function api(method, path, body) {
    const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // a hung server must not stop the polling: every request gives up after a few seconds
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit', signal: abort.signal,
        body: body === undefined ? undefined : JSON.stringify(body) });
    } finally {
      clearTimeout(timeout);
    }
    if (response.status === 401 || response.status === 403) {
      signOut(response.status === 401 ? 'The token was refused (expired or revoked).'
        : 'The token lacks the scope this needs (admin).');
      throw new Error('unauthorised');
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    return { status: response.status, json };
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    clearTimeout(timer);
    $('dashboard').hidden = true;
    $('sign-out').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('token').value = '';
  }

  function signIn() {
    $('login').hidden = true;
    $('dashboard').hidden = false;
    $('sign-out').hidden = false;
    poll();
    loadAudit();
  }

  let polls = 0;

  async function poll() {
    clearTimeout(timer);
    const started = Date.now();
    if (++polls % AUDIT_EVERY === 0) loadAudit();
    try {
      const { status, json } = await api('GET', '/v1/admin/overview');
      if (status === 200 && json) render(json);
      else $('updated').textContent = 'overview answered ' + status;
    } catch (e) {
      if (e.message === 'unauthorised') return;
      $('updated').textContent = 'Strata unreachable';
    }
    if (!token()) return; // signed out meanwhile
    // one poll every 2 s from start to start, however long the answer took
    timer = setTimeout(poll, Math.max(0, POLL_MS - (Date.now() - started)));
  }

  const fmt = {
    pct: (v) => v == null ? '—' : (v * 100).toFixed(1) + ' %',
    num: (v) => v == null ? '—' : String(v),
    ms: (v) => v == null ? '—' : Number(v).toFixed(2) + ' ms',
    bytes: (v) => v == null ? '—' : v >= 1048576 ? (v / 1048576).toFixed(1) + ' MiB' : (v / 1024).toFixed(1) + ' KiB',
    bool: (v) => v == null ? '—' : v ? 'up' : 'down',
  };

  function fill(dl, rows) {
    dl.replaceChildren();
    for (const [label, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dl.append(dt, dd);
    }
  }

  function rows(tbody, list, cells, rowClass) {
    tbody.replaceChildren();
    for (const item of list) {
      const tr = document.createElement('tr');
      if (rowClass) tr.className = rowClass(item);
      for (const cell of cells(item)) {
        const td = document.createElement('td');
        td.textContent = cell == null ? '—' : String(cell);
        tr.append(td);
      }
      tbody.append(tr);
    }
  }

  function render(o) {
    const status = $('status');
    status.textContent = o.status || '—';
    status.className = 'badge ' + (o.status || '');
    $('instance').textContent = o.instance ? 'instance ' + o.instance : '';
    $('updated').textContent = o.time ? 'updated ' + new Date(o.time).toLocaleTimeString() : '';
    const r = o.redis || {}, p = o.postgres || {}, pool = p.pool || {}, c = o.cache || {}, h = o.http || {};
    $('redis-tile').classList.toggle('down', r.up === false);
    fill($('redis'), [['state', fmt.bool(r.up)], ['PING', fmt.ms(r.pingMs)], ['memory', fmt.bytes(r.usedMemoryBytes)],
      ['max memory', r.maxMemoryBytes ? fmt.bytes(r.maxMemoryBytes) : 'none'], ['memory used', fmt.pct(r.memoryRatio)],
      ['policy', fmt.num(r.maxmemoryPolicy)], ['keyspace hit rate', fmt.pct(r.hitRate)],
      ['evicted keys', fmt.num(r.evictedKeys)], ['clients', fmt.num(r.connectedClients)], ['ops/s', fmt.num(r.opsPerSecond)]]);
    $('postgres-tile').classList.toggle('down', p.up === false);
    fill($('postgres'), [['state', fmt.bool(p.up)], ['active', fmt.num(pool.active)], ['idle', fmt.num(pool.idle)],
      ['waiting', fmt.num(pool.waiting)], ['max', fmt.num(pool.max)]]);
    fill($('cache'), [['overall', fmt.pct(c.overallHitRate)],
      ...['l1', 'l2', 'l3'].map((t) => [t.toUpperCase(), fmt.pct((c[t] || {}).hitRate)])]);
    fill($('http'), [['requests', fmt.num(h.requests)], ['5xx', fmt.num(h.errors5xx)], ['p95', fmt.ms(h.p95Ms)]]);

    rows($('alerts').tBodies[0], o.alerts || [], (a) => [a.severity, a.id, a.message, a.action,
      a.since ? new Date(a.since).toLocaleTimeString() : null], (a) => a.severity);
    rows($('streams').tBodies[0], o.streams || [], (s) => [s.topic, s.group, s.lag, s.pending, s.consumers,
      s.deadLetters, s.oldestPendingSeconds]);

    push(history.hit, c.overallHitRate);
    push(history.redisHit, r.hitRate);
    push(history.p95, h.p95Ms);
    push(history.ping, r.pingMs);
    chart($('hit-chart'), [history.hit, history.redisHit], 1, (v) => (v * 100).toFixed(0) + '%');
    chart($('latency-chart'), [history.p95, history.ping], null, (v) => v.toFixed(1));
  }

  function push(series, value) {
    series.push(typeof value === 'number' && isFinite(value) ? value : null);
    if (series.length > HISTORY) series.shift();
  }

  // A line chart of up to two series on a canvas: fixed or automatic y-range, gaps where a value was unknown.
  function chart(canvas, seriesList, fixedMax, label) {
    const ctx = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, left = 40, bottom = 18, top = 8, right = 8;
    const colours = [getComputedStyle(document.documentElement).getPropertyValue('--a').trim() || '#2b6cb0',
      getComputedStyle(document.documentElement).getPropertyValue('--b').trim() || '#d69e2e'];
    ctx.clearRect(0, 0, w, h);
    const values = seriesList.flat().filter((v) => v != null);
    const max = fixedMax || Math.max(1, ...values) * 1.15;
    ctx.strokeStyle = '#dde1e6';
    ctx.fillStyle = '#6b7480';
    ctx.font = '11px system-ui, sans-serif';
    ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = top + (h - top - bottom) * i / 4;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(w - right, y); ctx.stroke();
      ctx.fillText(label(max * (4 - i) / 4), 2, y + 4);
    }
    // the samples spread over the whole width until the window is full; the left edge says how old the first one is
    const samples = Math.max(...seriesList.map((series) => series.length));
    const span = Math.max(samples - 1, 1);
    const age = (samples - 1) * POLL_MS / 1000;
    ctx.fillText('−' + (age >= 120 ? Math.round(age / 60) + ' min' : Math.round(age) + ' s'), left, h - 4);
    ctx.fillText('now', w - right - 22, h - 4);
    let drawn = 0;
    seriesList.forEach((series, s) => {
      ctx.strokeStyle = colours[s];
      ctx.fillStyle = colours[s];
      ctx.lineWidth = 2;
      ctx.beginPath();
      let open = false;
      series.forEach((v, i) => {
        if (v == null) { open = false; return; }
        const x = left + (w - left - right) * (samples - series.length + i) / span;
        const y = top + (h - top - bottom) * (1 - Math.min(v, max) / max);
        if (open) ctx.lineTo(x, y); else { ctx.moveTo(x, y); ctx.fillRect(x - 1.5, y - 1.5, 3, 3); }
        open = true;
        drawn++;
      });
      ctx.stroke();
    });
    canvas.dataset.samples = String(samples);
    canvas.dataset.points = String(drawn);
  }

  async function loadAudit() {
    try {
      const { status, json } = await api('GET', '/v1/admin/audit?limit=20');
      if (status !== 200 || !json) return;
      rows($('audit').tBodies[0], json.items || [], (a) => [new Date(a.time).toLocaleString(), a.actor, a.action,
        a.target, a.outcome, a.detail], (a) => a.outcome);
    } catch (e) { /* signed out or unreachable: the next action or poll says so */ }
  }

  function ask(text, run) {
    pending = run;
    $('confirm-text').textContent = text;
    $('confirm').hidden = false;
    $('confirm-yes').focus();
  }

  async function confirmed() {
    const run = pending;
    pending = null;
    $('confirm').hidden = true;
    if (!run) return;
    try {
      $('action-result').textContent = await run();
    } catch (e) {
      if (e.message !== 'unauthorised') $('action-result').textContent = 'Failed: ' + e.message;
    }
    loadAudit();
  }

  function problem(result) {
    const j = result.json || {};
    return result.status + (j.detail ? ' — ' + j.detail : j.title ? ' — ' + j.title : '');
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const value = $('token').value.trim();
      if (!value) return;
      sessionStorage.setItem(TOKEN_KEY, value);
      $('token').value = '';
      $('login-error').textContent = '';
      signIn();
    });
    $('sign-out').addEventListener('click', () => signOut(''));
    $('invalidate-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const namespace = $('inv-namespace').value.trim();
      const tag = $('inv-tag').value.trim();
      const body = tag ? { namespace, tag } : { namespace };
      ask(tag ? `Invalidate every entry tagged "${tag}" in namespace "${namespace}"?`
        : `Invalidate ALL entries of namespace "${namespace}"?`, async () => {
        const result = await api('POST', '/v1/admin/cache/invalidate', body);
        return result.status === 200 ? `Invalidated ${result.json.invalidated} entries.` : 'Refused: ' + problem(result);
      });
    });
    $('replay-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const [topic, group, id] = ['rep-topic', 'rep-group', 'rep-id'].map((f) => $(f).value.trim());
      ask(`Deliver dead letter ${id} to group "${group}" of topic "${topic}" again?`, async () => {
        const path = '/v1/topics/' + encodeURIComponent(topic) + '/groups/' + encodeURIComponent(group)
          + '/dead-letters/' + encodeURIComponent(id) + '/replay';
        const result = await api('POST', path);
        return result.status === 204 ? `Dead letter ${id} replayed.` : 'Refused: ' + problem(result);
      });
    });
    $('confirm-yes').addEventListener('click', confirmed);
    $('confirm-no').addEventListener('click', () => { pending = null; $('confirm').hidden = true; });
    if (token()) signIn(); else signOut('');
  });
})();
