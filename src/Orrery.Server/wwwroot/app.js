// Orrery browser client: plain JS, no build step. Wire protocol: docs/api.md.
'use strict';

const params = new URLSearchParams(location.search);
const key = params.get('key');
const HEADER = 32;
const KEYS = {
  KeyW: 'forward', ArrowUp: 'forward', KeyS: 'back', ArrowDown: 'back',
  KeyA: 'turn-left', ArrowLeft: 'turn-left', KeyD: 'turn-right', ArrowRight: 'turn-right',
  KeyQ: 'strafe-left', KeyE: 'strafe-right',
};

const $ = (id) => document.getElementById(id);
const views = [];
let active = null;
const held = [];          // held keys, most recent last: the latest pressed key wins
let padAction = 'noop';

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (key) headers['X-Api-Key'] = key;
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) {
    let msg = `${res.status}`;
    try { msg = (await res.json()).error || msg; } catch { /* not JSON */ }
    throw new Error(msg);
  }
  return res.status === 204 ? null : res.json();
}

function status(text, error = false) {
  const el = $('status');
  el.textContent = text;
  el.className = error ? 'status error' : 'status';
}

class View {
  constructor(info, title) {
    this.info = info;
    this.sessionId = info.id;
    this.frameIndex = info.frameIndex;
    this.framesReceived = 0;
    this.lastFrame = null;          // latest RGB frame (Uint8Array), read by the end-to-end test
    this.lastAction = 0;
    this.sent = 'noop';
    this.sentAt = 0;
    this.waitingFor = -1;
    this.arrivals = [];
    this.errors = [];
    const el = $('view-template').content.firstElementChild.cloneNode(true);
    this.el = el;
    el.querySelector('.title').textContent = title;
    el.querySelector('.model').textContent = `${info.model} · world ${info.world} · seed ${info.seed}`;
    this.canvas = el.querySelector('canvas');
    this.canvas.width = info.width;
    this.canvas.height = info.height;
    this.ctx = this.canvas.getContext('2d');
    this.image = this.ctx.createImageData(info.width, info.height);
    this.box = info.actionSpace.kind === 'box';
    this.pointerAction = null;      // the box action the pointer last set (read by the end-to-end test)
    this.streamsEl = el.querySelector('.streams');
    if (this.box && info.pointer) this.attachPointer(info.pointer, info.actionSpace);
    el.addEventListener('mousedown', () => activate(this));
    el.querySelectorAll('button').forEach((b) => b.addEventListener('click', (e) => { e.stopPropagation(); this.command(b.dataset.do); }));
    $('views').appendChild(el);
    this.connect();
  }

  connect() {
    const url = new URL(`${this.info.stream}`, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    if (key) url.searchParams.set('key', key);
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onmessage = (e) => (typeof e.data === 'string' ? this.text(e.data) : this.frame(e.data));
    this.ws.onclose = (e) => { if (!this.closed) status(`session ${this.sessionId} ended: ${e.reason || 'connection closed'}`, true); };
    this.ws.onopen = () => this.send(this.sent, true);
  }

  frame(buffer) {
    // ORF2: 36-byte header, HWC pixels, then a JSON trailer {action, streams} (docs/api.md)
    const view = new DataView(buffer);
    if (view.getUint32(0, true) !== 0x3246524f) return;
    const headerBytes = view.getUint16(4, true), channels = view.getUint8(6);
    const width = view.getUint16(8, true), height = view.getUint16(10, true);
    const stepMs = view.getFloat32(12, true);
    const index = Number(view.getBigUint64(16, true));
    const trailerBytes = view.getUint32(32, true);
    const rgb = new Uint8Array(buffer, headerBytes, width * height * channels);
    const trailer = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, headerBytes + width * height * channels, trailerBytes)));
    const action = trailer.action && trailer.action.length === 1 ? trailer.action[0] : -1;
    this.streams = trailer.streams;
    const px = this.image.data;
    for (let i = 0, j = 0; i < width * height; i++, j += channels) {
      const g = channels === 1;
      px[4 * i] = rgb[j]; px[4 * i + 1] = rgb[g ? j : j + 1]; px[4 * i + 2] = rgb[g ? j : j + 2]; px[4 * i + 3] = 255;
    }
    this.ctx.putImageData(this.image, 0, 0);
    this.lastFrame = rgb.slice();
    this.frameIndex = index;
    this.lastAction = action;
    this.framesReceived++;
    const now = performance.now();
    this.arrivals.push(now);
    while (this.arrivals.length && this.arrivals[0] < now - 1000) this.arrivals.shift();
    const names = this.info.actions;
    if (this.waitingFor >= 0 && action === this.waitingFor) {
      this.el.querySelector('.input').textContent = (now - this.sentAt).toFixed(0);
      this.waitingFor = -1;
    }
    this.el.querySelector('.fps').textContent = this.arrivals.length;
    this.el.querySelector('.step').textContent = stepMs.toFixed(stepMs < 10 ? 2 : 1);
    this.el.querySelector('.frame').textContent = index;
    this.el.querySelector('.action').textContent = this.box ? trailer.action.map((v) => v.toFixed(2)).join(', ') : names[action] ?? action;
    this.showStreams();
  }

  // while a button is held on the frame, the pointer sets the box action: view coordinates (u right, v up, each in
  // [-1, 1]) times the world's scale, clipped to the box (docs/api.md, "Pointer control")
  attachPointer(pointer, space) {
    const toAction = (e) => {
      const r = this.canvas.getBoundingClientRect();
      const view = [2 * (e.clientX - r.left) / r.width - 1, 1 - 2 * (e.clientY - r.top) / r.height];
      return view.map((x, i) => Math.min(space.high[i], Math.max(space.low[i], x * pointer.scale[i])));
    };
    let down = false;
    this.canvas.style.cursor = 'crosshair';
    this.canvas.addEventListener('pointerdown', (e) => {
      down = true;
      this.canvas.setPointerCapture(e.pointerId);
      this.sendBox(toAction(e));
    });
    this.canvas.addEventListener('pointermove', (e) => { if (down) this.sendBox(toAction(e)); });
    const release = () => {
      if (!down) return;
      down = false;
      if (!pointer.holdOnRelease) this.sendBox(space.low.map(() => 0));
    };
    this.canvas.addEventListener('pointerup', release);
    this.canvas.addEventListener('pointercancel', release);
  }

  sendBox(values) {
    this.pointerAction = values;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ action: values }));
  }

  // the frame's streams beside it, each value under its field name (the predicted state, for a model)
  showStreams() {
    if (!this.streams || !this.info.streams.length) return;
    const lines = [];
    for (const spec of this.info.streams) {
      const values = this.streams[spec.name];
      if (!values) continue;
      values.forEach((v, i) => lines.push(`${(spec.fields[i] ?? spec.name).padEnd(16)} ${v.toFixed(3).padStart(8)}`));
    }
    this.streamsEl.textContent = lines.join('\n');
  }

  text(data) {
    const msg = JSON.parse(data);
    if (msg.error) { this.errors.push(msg.error); status(msg.error, true); }
  }

  send(action, force = false) {
    if (this.box) {
      // keys name discrete actions; a box world only hears them as letting go (its no-op, zero), unless it holds targets
      if (action === 'noop' && !this.info.pointer?.holdOnRelease && this.pointerAction === null) this.sendBox(this.info.actionSpace.low.map(() => 0));
      return;
    }
    if (!force && action === this.sent) return;
    this.sent = action;
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.sentAt = performance.now();
    if (!force) this.waitingFor = this.info.actions.indexOf(action);
    this.ws.send(JSON.stringify({ action }));
  }

  async command(what) {
    try {
      const id = this.sessionId;
      if (what === 'snapshot') {
        const s = await api('POST', `/api/sessions/${id}/snapshot`);
        status(`snapshot ${s.snapshotId} at frame ${s.frameIndex} (${s.bytes} bytes)`);
        download(s.download, `orrery-${s.snapshotId}.orrsnap`);
      } else if (what === 'fork') {
        openView(await api('POST', `/api/sessions/${id}/fork`), `fork of ${id.slice(0, 6)}`);
      } else if (what === 'replay') {
        openView(await api('POST', `/api/sessions/${id}/replay`), `replay of ${id.slice(0, 6)}`);
      } else if (what === 'gif' || what === 'mp4') {
        status(`encoding ${what}…`);
        download(`/api/sessions/${id}/recording?format=${what}`, `orrery-${id}.${what}`);
        status('');
      } else if (what === 'close') {
        this.close();
        await api('DELETE', `/api/sessions/${id}`);
      }
    } catch (e) { status(e.message, true); }
  }

  close() {
    this.closed = true;
    this.ws.close();
    this.el.remove();
    views.splice(views.indexOf(this), 1);
    if (active === this) activate(views[0] ?? null);
  }
}

async function download(path, name) {
  const headers = key ? { 'X-Api-Key': key } : {};
  const res = await fetch(path, { headers });
  if (!res.ok) { status(`download failed: ${res.status}`, true); return; }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function activate(view) {
  views.forEach((v) => v.el.classList.toggle('active', v === view));
  if (active && active !== view) active.send('noop');
  active = view;
}

function openView(info, title) {
  const view = new View(info, title);
  views.push(view);
  activate(view);
  return view;
}

function currentAction() {
  return held.length ? KEYS[held[held.length - 1]] : padAction;
}

// the latest key state goes out at once, on keydown and keyup, so a press shows in the next frame
window.addEventListener('keydown', (e) => {
  if (!(e.code in KEYS) || e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
  e.preventDefault();
  if (!held.includes(e.code)) held.push(e.code);
  active?.send(currentAction());
});
window.addEventListener('keyup', (e) => {
  const i = held.indexOf(e.code);
  if (i < 0) return;
  held.splice(i, 1);
  active?.send(currentAction());
});
window.addEventListener('blur', () => { held.length = 0; active?.send(currentAction()); });

function pollGamepad() {
  const pad = navigator.getGamepads ? [...navigator.getGamepads()].find((p) => p) : null;
  if (pad) {
    const [x, y] = pad.axes;
    const b = (i) => pad.buttons[i]?.pressed;
    let a = 'noop';
    if (y < -0.5 || b(12)) a = 'forward';
    else if (y > 0.5 || b(13)) a = 'back';
    else if (x < -0.5 || b(14)) a = 'turn-left';
    else if (x > 0.5 || b(15)) a = 'turn-right';
    else if (b(4)) a = 'strafe-left';
    else if (b(5)) a = 'strafe-right';
    if (a !== padAction) { padAction = a; if (!held.length) active?.send(a); }
  }
  requestAnimationFrame(pollGamepad);
}

async function startSession(e) {
  e?.preventDefault();
  try {
    const info = await api('POST', '/api/sessions', {
      model: $('model').value, world: Number($('world').value), seed: Number($('seed').value),
    });
    // the new session replaces the shown ones, on the server too, so that they do not hold session slots until idle
    for (const v of [...views]) await v.command('close');
    openView(info, `session ${info.id.slice(0, 6)}`);
    status(`${info.model} · ${info.fps} fps · ${info.width}x${info.height} · actions: ${info.actions.join(', ')}`);
  } catch (err) { status(err.message, true); }
}

async function init() {
  try {
    const [models, config] = await Promise.all([api('GET', '/api/models'), api('GET', '/api/config')]);
    const select = $('model');
    for (const m of models) {
      const opt = document.createElement('option');
      opt.value = m.name;
      opt.textContent = m.kind === 'environment' ? `${m.name} (ground truth)` : m.name;
      select.appendChild(opt);
    }
    if (models.some((m) => m.name === config.defaultModel)) select.value = config.defaultModel;
    $('world').value = config.defaultWorld;
    $('seed').value = config.defaultSeed;
    // shareable links: ?model=truth&world=0&seed=1 preselects that session
    for (const name of ['model', 'world', 'seed']) if (params.has(name)) $(name).value = params.get(name);
    // the page opens on a live session of the preselected model, not on an empty page waiting for a click
    startSession();
  } catch (err) { status(err.message, true); }
  $('start').addEventListener('submit', startSession);
  requestAnimationFrame(pollGamepad);
}

window.orrery = { views, startSession, get active() { return active; } };
init();
