/**
 * The platform an SDK sends from, read off its name (`sdk.name`): what Sentry shows as an event's
 * platform. A project's own platform is only what it was created as; its events may come from
 * another SDK (a Node service sending to a project made for Python).
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/sdk/
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/#required-attributes (platform)
 */

/** Server-side JavaScript runtimes among `sentry.javascript.*` SDKs; the others run in a browser. */
const SERVER_JS = /^sentry\.javascript\.(?:node|bun|deno|aws-serverless|google-cloud-serverless|nestjs|nextjs\.server|cloudflare|vercel-edge)/;

const PREFIXES: [prefix: string, platform: string][] = [
  ['sentry.python', 'python'], ['sentry.go', 'go'], ['sentry.java', 'java'], ['sentry.cocoa', 'cocoa'], ['sentry.native', 'native'],
  ['sentry.dotnet', 'csharp'], ['sentry.ruby', 'ruby'], ['sentry.php', 'php'], ['sentry.rust', 'rust'], ['sentry.dart', 'dart'],
  ['sentry.elixir', 'elixir'], ['sentry.javascript', 'javascript'],
];

/** `sentry.javascript.node` → `node`, `sentry.python.flask` → `python`; null for a name it does not know. */
export function platformOfSdk(name: string | null | undefined): string | null {
  if (typeof name !== 'string' || name === '') return null;
  if (SERVER_JS.test(name)) return 'node';
  for (const [prefix, platform] of PREFIXES) if (name === prefix || name.startsWith(`${prefix}.`)) return platform;
  return null;
}
