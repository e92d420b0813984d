// A keep-alive HTTP/1.1 client connection on a raw socket: one request in flight, the request
// written as one prebuilt buffer, the response parsed just enough to know its status and end.
// Node's http client costs more CPU per request than the servers under test.
import { connect } from 'node:net';

const CRLF2 = Buffer.from('\r\n\r\n');

export class HttpConn {
  /** @param {{ host: string, port: number }} target */
  constructor(target) {
    this.target = target;
    this.socket = null;
    this.buf = Buffer.alloc(0);
    this.pending = null;
    this.dead = false;
  }

  open() {
    const sock = connect({ host: this.target.host, port: this.target.port, noDelay: true });
    this.socket = sock;
    sock.on('data', (chunk) => this.onData(chunk));
    const fail = (err) => {
      if (sock !== this.socket) return;
      this.dead = true;
      const p = this.pending;
      this.pending = null;
      if (p) p.reject(err ?? new Error('connection closed'));
    };
    sock.on('error', fail);
    sock.on('close', () => fail(null));
  }

  /** Sends one request; resolves `{ status, closed }` once the whole response has arrived. */
  send(bytes) {
    if (!this.socket || this.dead) { this.dead = false; this.buf = Buffer.alloc(0); this.open(); }
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(bytes);
    });
  }

  onData(chunk) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const done = this.parse();
      if (!done) return;
      const p = this.pending;
      this.pending = null;
      if (done.close) { this.socket.destroy(); this.socket = null; }
      if (p) p.resolve(done);
    }
  }

  /** Returns `{ status, close }` and drops the response from the buffer, or null if incomplete. */
  parse() {
    const headEnd = this.buf.indexOf(CRLF2);
    if (headEnd < 0) return null;
    const head = this.buf.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const close = /\r\nconnection:\s*close/.test(lower);
    let end;
    const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    if (cl) {
      end = headEnd + 4 + Number(cl[1]);
      if (this.buf.length < end) return null;
    } else if (/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
      end = chunkedEnd(this.buf, headEnd + 4);
      if (end < 0) return null;
    } else {
      end = headEnd + 4;
    }
    this.buf = this.buf.subarray(end);
    return { status, close };
  }

  close() { this.socket?.destroy(); this.socket = null; }
}

/** End offset of a chunked body starting at `pos`, or -1 if it has not all arrived. */
function chunkedEnd(buf, pos) {
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos);
    if (lineEnd < 0) return -1;
    const size = parseInt(buf.toString('latin1', pos, lineEnd), 16);
    if (size === 0) {
      const trailerEnd = buf.indexOf(CRLF2, lineEnd);
      return trailerEnd < 0 ? -1 : trailerEnd + 4;
    }
    pos = lineEnd + 2 + size + 2;
    if (pos > buf.length) return -1;
  }
}
