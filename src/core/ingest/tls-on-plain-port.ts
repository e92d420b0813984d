import type { Duplex } from 'node:stream';
import { clientAddress } from './client-address';
import type { RequestRecord } from '../pipeline/types';

/** What the log, Stats and the Stream say when an SDK's DSN starts with https://. */
export const TLS_ON_PLAIN_PORT = "An SDK spoke HTTPS to Lookout's HTTP port: use http:// in the DSN";

/** A TLS record starts with its content type, 22 (0x16) for a handshake: the ClientHello. */
const TLS_HANDSHAKE = 0x16;
/** At most one log line and one kept request per this long: an SDK retries every event. */
const SAY_EVERY_MS = 60_000;

/** Node's own answers to a request its parser refused (lib/_http_server.js, socketOnError), kept as they are. */
const DEFAULT_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

export interface TlsNoticeDeps {
  log: (line: string) => void;
  /** Keeps the attempt as a rejected request (Stats' refused requests, Stream → Rejected). */
  recordRejected: (req: RequestRecord, status: number, reason: string) => Promise<void>;
  now?: () => number;
}

/**
 * The server's `clientError` handler. A DSN with `https://` makes the SDK open a TLS handshake on
 * Lookout's plain-HTTP port; Node's parser refuses the first byte, the SDK fails with only EPROTO
 * or SSLError in its own log, and nothing reached Lookout. That attempt is recognised by its first
 * byte, said in the log once a minute and kept once a minute as a rejected request, so the UI shows
 * it where every refused request shows. Any other parse error is answered as Node answers it.
 * @see https://www.rfc-editor.org/rfc/rfc8446#section-5.1 (TLS record: ContentType handshake(22))
 * @see https://nodejs.org/api/http.html#event-clienterror
 */
export function clientErrorHandler(deps: TlsNoticeDeps): (err: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => void {
  const now = deps.now ?? Date.now;
  let saidAt = -Infinity;
  return (err, socket) => {
    if (err.rawPacket?.[0] === TLS_HANDSHAKE) {
      const at = now();
      if (at - saidAt >= SAY_EVERY_MS) {
        saidAt = at;
        const remoteAddr = clientAddress((socket as Duplex & { remoteAddress?: string }).remoteAddress);
        deps.log(`${TLS_ON_PLAIN_PORT} (from ${remoteAddr ?? 'an unknown address'}).`);
        void deps.recordRejected({ received: at, route: 'tls handshake', method: 'TLS', projectId: null, client: null, sentryKey: null,
          headers: {}, body: Buffer.alloc(0), size: err.rawPacket.length, remoteAddr }, 400, TLS_ON_PLAIN_PORT).catch(() => undefined);
      }
      // A TLS client cannot read an HTTP answer: the connection just ends.
      socket.destroy();
      return;
    }
    if (socket.writable && (socket as Duplex & { bytesWritten?: number }).bytesWritten === 0) {
      socket.write(`HTTP/1.1 ${DEFAULT_ANSWERS[err.code ?? ''] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    }
    socket.destroy(err);
  };
}
