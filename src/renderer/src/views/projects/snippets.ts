/**
 * SDK setup snippets shown in the empty state, filled with the real DSN of this server.
 * @see https://docs.sentry.io/platforms/ (per-platform init options)
 */

/**
 * `install` is the package step before the code (null: the app already has its SDK); `js` marks
 * the JavaScript SDKs, whose minified frames Lookout maps back through source maps.
 */
export interface Snippet { id: string; label: string; language: string; install: string | null; js: boolean; code: string }

export function snippets(dsn: string, spotlightUrl: string): Snippet[] {
  return [
    {
      id: 'browser', label: 'JavaScript (browser)', language: 'js', install: 'npm install @sentry/browser', js: true,
      code: `import * as Sentry from "@sentry/browser";

Sentry.init({
  dsn: "${dsn}",
  // Page loads, navigations and fetches as traces; sessions recorded for replay.
  integrations: [Sentry.browserTracingIntegration(), Sentry.replayIntegration()],
  // Everything goes to Lookout while you develop: no sampling.
  tracesSampleRate: 1.0,
  replaysSessionSampleRate: 1.0,
  replaysOnErrorSampleRate: 1.0,
});

// Try it: this shows up in Lookout at once.
Sentry.captureException(new Error("Hello from the browser"));`,
    },
    {
      id: 'node', label: 'Node.js', language: 'js', install: 'npm install @sentry/node', js: true,
      code: `// instrument.mjs, loaded before your app: node --import ./instrument.mjs app.mjs
// (tracing hooks into modules as they load, so it must come first)
import * as Sentry from "@sentry/node";

Sentry.init({
  dsn: "${dsn}",
  tracesSampleRate: 1.0,
  enableLogs: true,
});

// Try it: this shows up in Lookout at once.
Sentry.captureException(new Error("Hello from Node"));`,
    },
    {
      id: 'python', label: 'Python', language: 'python', install: 'pip install sentry-sdk', js: false,
      code: `import sentry_sdk

sentry_sdk.init(
    dsn="${dsn}",
    traces_sample_rate=1.0,
)

# Try it: this shows up in Lookout at once.
try:
    raise ValueError("Hello from Python")
except ValueError as error:
    sentry_sdk.capture_exception(error)`,
    },
    {
      id: 'go', label: 'Go', language: 'go', install: 'go get github.com/getsentry/sentry-go', js: false,
      code: `import (
    "errors"
    "log"
    "time"

    "github.com/getsentry/sentry-go"
)

// In main():
err := sentry.Init(sentry.ClientOptions{
    Dsn:              "${dsn}",
    EnableTracing:    true,
    TracesSampleRate: 1.0,
})
if err != nil {
    log.Fatalf("sentry.Init: %s", err)
}
defer sentry.Flush(2 * time.Second)

// Try it: this shows up in Lookout at once.
sentry.CaptureException(errors.New("Hello from Go"))`,
    },
    {
      id: 'ruby', label: 'Ruby', language: 'ruby', install: 'bundle add sentry-ruby', js: false,
      code: `require "sentry-ruby"

Sentry.init do |config|
  config.dsn = "${dsn}"
end

# Try it: this shows up in Lookout at once.
Sentry.capture_exception(RuntimeError.new("Hello from Ruby"))`,
    },
    {
      id: 'spotlight', label: 'Keep your Sentry DSN (Spotlight)', language: 'js', install: null, js: true,
      code: `// Already sending to sentry.io? Keep that DSN and also mirror every event to Lookout.
// Node (@sentry/node): the \`spotlight\` option.
Sentry.init({
  dsn: process.env.SENTRY_DSN,
  spotlight: "${spotlightUrl}",
});

// Browser (@sentry/browser has no \`spotlight\` option): the Spotlight integration.
// Sentry.init({
//   dsn: "https://<key>@<org>.ingest.sentry.io/<project>",
//   integrations: [Sentry.spotlightBrowserIntegration({ sidecarUrl: "${spotlightUrl}" })],
// });

// Python: sentry_sdk.init(dsn=..., spotlight="${spotlightUrl}")`,
    },
  ];
}
