// Building blocks of realistic SDK payloads (browser and Node errors, breadcrumbs, spans,
// rrweb events), drawn from a seeded generator so every run sends the same bytes.

/** mulberry32: small, fast, deterministic. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    hex: (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

const VERBS = ['load', 'render', 'fetch', 'parse', 'handle', 'update', 'validate', 'submit', 'resolve', 'compute', 'open', 'sync'];
const NOUNS = ['User', 'Cart', 'Order', 'Invoice', 'Session', 'Profile', 'Widget', 'Table', 'Route', 'Token', 'Config', 'Feed'];
const APP_FILES = ['components/Checkout', 'components/CartList', 'pages/Dashboard', 'hooks/useOrders', 'store/session',
  'lib/api-client', 'lib/format', 'features/search/SearchBox', 'features/billing/InvoiceTable', 'routes/settings',
  'utils/retry', 'services/payments', 'widgets/Chart', 'app/layout', 'state/cart-slice'];
const LIB_FRAMES = [
  ['node_modules/react-dom/cjs/react-dom.development.js', 'commitHookEffectListMount'],
  ['node_modules/react-dom/cjs/react-dom.development.js', 'invokeGuardedCallbackDev'],
  ['node_modules/react-dom/cjs/react-dom.development.js', 'dispatchDiscreteEvent'],
  ['node_modules/scheduler/cjs/scheduler.development.js', 'workLoop'],
  ['node_modules/@tanstack/query-core/build/modern/query.js', 'fetchFn'],
  ['node_modules/axios/lib/core/Axios.js', 'Axios.request'],
  ['node_modules/zustand/esm/vanilla.mjs', 'setState'],
  ['node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]'],
  ['node_modules/express/lib/router/index.js', 'next'],
  ['node:internal/process/task_queues', 'process.processTicksAndRejections'],
];
const ERROR_TYPES = ['TypeError', 'ReferenceError', 'RangeError', 'Error', 'SyntaxError', 'ValidationError', 'FetchError'];
const MESSAGES = [
  (r) => `Cannot read properties of undefined (reading '${r.pick(['id', 'length', 'map', 'user', 'price'])}')`,
  (r) => `${r.pick(NOUNS).toLowerCase()}Id ${r.int(1000, 99999)} not found`,
  (r) => `Request failed with status code ${r.pick([400, 401, 403, 404, 409, 500, 502, 503])}`,
  (r) => `Invalid ${r.pick(NOUNS).toLowerCase()} state: expected ${r.pick(['open', 'ready', 'paid'])}, got ${r.pick(['closed', 'pending', 'void'])}`,
  (r) => `Maximum call stack size exceeded in ${r.pick(VERBS)}${r.pick(NOUNS)}`,
];

/** One of `count` distinct stack shapes: exception type, message shape and frames. */
export function stackShape(index, frameCount, { node = false, context = false } = {}) {
  const r = rng(0x5eed + index * 7919);
  const frames = [];
  for (let i = 0; i < frameCount; i++) {
    const lib = i < frameCount / 3 && r.next() < 0.8;
    if (lib) {
      const [file, fn] = r.pick(LIB_FRAMES);
      frames.push(frame(r, node ? `/srv/app/${file}` : `https://shop.example.com/assets/${file.replace(/\//g, '_')}`, fn, false, node, context));
    } else {
      const file = r.pick(APP_FILES);
      const fn = `${r.pick(VERBS)}${r.pick(NOUNS)}`;
      // One build: each source file has one bundle name (its content hash stays the same).
      const filename = node ? `/srv/app/src/${file}.ts` : `https://shop.example.com/assets/${file.split('/').pop()}-${rng(file.length * 131 + file.charCodeAt(3)).hex(8)}.js`;
      frames.push(frame(r, filename, fn, true, node, context));
    }
  }
  return { type: r.pick(ERROR_TYPES), message: r.pick(MESSAGES), frames };
}

function frame(r, filename, fn, inApp, node, context) {
  const f = {
    filename, function: fn, lineno: node ? r.int(5, 900) : 1, colno: r.int(10, node ? 80 : 190000), in_app: inApp,
  };
  if (node) { f.abs_path = filename; f.module = filename.replace(/^.*\/(src|node_modules)\//, '').replace(/\.\w+$/, '').replace(/\//g, '.'); }
  if (context) {
    const line = (k) => `    ${r.pick(['const', 'let', 'await', 'return', 'if (', 'throw new'])} ${r.pick(VERBS)}${r.pick(NOUNS)}(${r.pick(['req', 'state', 'id', 'opts'])}.${r.pick(['body', 'items', 'user', 'total'])}); // ${k}`;
    f.pre_context = Array.from({ length: 5 }, (_, k) => line(k));
    f.context_line = line(5);
    f.post_context = Array.from({ length: 5 }, (_, k) => line(k + 6));
  }
  return f;
}

/** Breadcrumbs as the browser and Node SDKs record them. */
export function breadcrumbs(r, count, baseTs) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const ts = +(baseTs - (count - i) * 0.731).toFixed(3);
    switch (r.int(0, 4)) {
      case 0: out.push({ timestamp: ts, category: 'console', level: 'log', message: `${r.pick(VERBS)} ${r.pick(NOUNS)} ${r.hex(6)} took ${r.int(1, 900)}ms` }); break;
      case 1: out.push({ timestamp: ts, category: 'ui.click', message: `div.app > main > button#${r.pick(VERBS)}-${r.pick(NOUNS).toLowerCase()}[data-test="${r.hex(4)}"]` }); break;
      case 2: out.push({ timestamp: ts, category: 'navigation', data: { from: `/${r.pick(NOUNS).toLowerCase()}s/${r.int(1, 999)}`, to: `/${r.pick(NOUNS).toLowerCase()}s` } }); break;
      case 3: out.push({ timestamp: ts, category: 'fetch', type: 'http', data: { method: r.pick(['GET', 'POST']), url: `https://api.example.com/v2/${r.pick(NOUNS).toLowerCase()}s/${r.int(1, 99999)}`, status_code: r.pick([200, 200, 201, 404, 500]) } }); break;
      default: out.push({ timestamp: ts, category: 'xhr', type: 'http', data: { method: 'GET', url: `/api/${r.pick(NOUNS).toLowerCase()}?page=${r.int(1, 40)}`, status_code: 200 } });
    }
  }
  return out;
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The parts of an event every browser SDK error carries besides the exception. */
export function browserContext(r, traceId) {
  return {
    platform: 'javascript', level: 'error', environment: r.pick(['production', 'staging', 'development']),
    release: `shop@${r.int(1, 3)}.${r.int(0, 9)}.${r.int(0, 20)}`,
    sdk: { name: 'sentry.javascript.react', version: '11.12.0',
      integrations: ['InboundFilters', 'FunctionToString', 'BrowserApiErrors', 'Breadcrumbs', 'GlobalHandlers', 'LinkedErrors',
        'Dedupe', 'HttpContext', 'BrowserSession', 'BrowserTracing', 'Replay'],
      packages: [{ name: 'npm:@sentry/react', version: '11.12.0' }] },
    request: { url: `https://shop.example.com/${r.pick(NOUNS).toLowerCase()}s/${r.int(1, 999)}`, headers: { 'User-Agent': UA } },
    user: { id: `u${r.int(1, 5000)}`, ip_address: '{{auto}}', email: `user${r.int(1, 5000)}@example.com` },
    tags: { 'ui.route': `/${r.pick(NOUNS).toLowerCase()}s/:id`, feature: r.pick(['new-checkout', 'classic', 'beta-search']) },
    contexts: {
      trace: { trace_id: traceId, span_id: r.hex(16), op: 'pageload' },
      browser: { name: 'Chrome', version: '131.0.0' }, os: { name: 'Linux' },
    },
  };
}

/** Sentry span v2 items as @sentry/node 11 sends them. */
export function spanItems(r, count, baseTs) {
  const traceId = r.hex(32);
  const root = r.hex(16);
  return Array.from({ length: count }, (_, i) => {
    const start = baseTs + i * 0.004;
    const op = i === 0 ? 'http.server' : r.pick(['db', 'http.client', 'function', 'cache.get', 'middleware.express']);
    return {
      trace_id: traceId, span_id: i === 0 ? root : r.hex(16), parent_span_id: i === 0 ? undefined : root,
      name: i === 0 ? `GET /api/${r.pick(NOUNS).toLowerCase()}s/:id` : `${op} ${r.pick(VERBS)}${r.pick(NOUNS)}`,
      status: 'ok', is_segment: i === 0, start_timestamp: +start.toFixed(6), end_timestamp: +(start + r.int(1, 40) / 1000).toFixed(6),
      attributes: {
        'sentry.op': { type: 'string', value: op }, 'sentry.origin': { type: 'string', value: 'auto.http.otel' },
        'sentry.environment': { type: 'string', value: 'production' }, 'sentry.release': { type: 'string', value: 'api@2.4.1' },
        'server.address': { type: 'string', value: 'api.internal' }, 'thread.id': { type: 'integer', value: r.int(1, 16) },
      },
    };
  });
}

/** rrweb events of one replay segment: mutations, mouse moves, scrolls and Sentry breadcrumbs. */
export function rrwebEvents(r, targetBytes, baseMs) {
  const out = [];
  let size = 2;
  let t = baseMs;
  while (size < targetBytes) {
    t += r.int(5, 120);
    let ev;
    switch (r.int(0, 3)) {
      case 0: ev = { type: 3, timestamp: t, data: { source: 1, positions: Array.from({ length: r.int(2, 8) }, () => ({ x: r.int(0, 1400), y: r.int(0, 900), id: r.int(1, 400), timeOffset: -r.int(0, 500) })) } }; break;
      case 1: ev = { type: 3, timestamp: t, data: { source: 0, texts: [], attributes: [{ id: r.int(1, 400), attributes: { class: `btn btn-${r.pick(VERBS)}` } }], removes: [], adds: [{ parentId: r.int(1, 400), nextId: null, node: { type: 2, tagName: 'div', attributes: { class: `row-${r.hex(4)}` }, childNodes: [], id: r.int(400, 9000) } }] } }; break;
      case 2: ev = { type: 3, timestamp: t, data: { source: 3, id: 1, x: 0, y: r.int(0, 4000) } }; break;
      default: ev = { type: 5, timestamp: t, data: { tag: 'breadcrumb', payload: { timestamp: t / 1000, type: 'default', category: 'ui.click', message: `main > button.${r.pick(VERBS)}` } } };
    }
    out.push(ev);
    size += JSON.stringify(ev).length + 1;
  }
  return out;
}
