/**
 * The address a request came from, as a user writes it: a dual-stack socket reports an IPv4 peer
 * as `::ffff:127.0.0.1`, which becomes `127.0.0.1`. This is what replaces an SDK's `{{auto}}` IP
 * (the socket's peer; Lookout trusts no forwarding header, as Relay does by default).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/user/
 */
export function clientAddress(remote: string | undefined): string | null {
  if (!remote) return null;
  return remote.startsWith('::ffff:') && remote.includes('.') ? remote.slice('::ffff:'.length) : remote;
}
