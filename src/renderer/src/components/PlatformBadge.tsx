/**
 * A project's platform as a small text badge (`node`, `python`, `javascript`…), where Sentry shows a
 * platform icon: text, so nothing is loaded from elsewhere. The value comes from events, so it is
 * only ever rendered as text.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#required-attributes
 */
export function PlatformBadge({ platform, className = '' }: { platform: string | null; className?: string }) {
  if (!platform) return null;
  return <span className={`platform-badge ${className}`.trim()} title={`Platform: ${platform}`} data-testid="platform-badge">{platform}</span>;
}
