/**
 * A recorded envelope (the corpus') with its session items dated now: Relay skips a session that
 * started more than 5 days before it arrives (`max_session_secs_in_past`), as Lookout does since, so
 * a replayed recording's sessions are moved to the present, as the app would send them today.
 * Items are read by their `length` header when they have one (an attachment may hold newlines).
 */
export function redateSessions(body: Buffer, now = Date.now()): Buffer {
  const parts: Buffer[] = [];
  const lineEnd = (from: number) => { const i = body.indexOf(10, from); return i < 0 ? body.length : i; };
  let at = lineEnd(0);
  parts.push(body.subarray(0, at));
  while (at < body.length) {
    const headerStart = at + 1;
    const headerEnd = lineEnd(headerStart);
    if (headerEnd <= headerStart) { parts.push(body.subarray(at, headerEnd)); at = headerEnd; continue; }
    const header = JSON.parse(body.subarray(headerStart, headerEnd).toString('utf8')) as Record<string, unknown>;
    const payloadStart = headerEnd + 1;
    const payloadEnd = typeof header.length === 'number' ? payloadStart + header.length : lineEnd(payloadStart);
    let payload = body.subarray(payloadStart, payloadEnd);
    if (header.type === 'session') {
      const session = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
      const iso = new Date(now).toISOString();
      if ('started' in session) session.started = iso;
      if ('timestamp' in session) session.timestamp = iso;
      payload = Buffer.from(JSON.stringify(session));
      if (typeof header.length === 'number') header.length = payload.length;
    }
    parts.push(Buffer.from(`\n${JSON.stringify(header)}\n`), payload);
    at = payloadEnd;
  }
  return Buffer.concat(parts);
}
