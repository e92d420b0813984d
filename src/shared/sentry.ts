/**
 * Loose TypeScript shapes of the Sentry event payload, as SDKs send it.
 * Everything is optional: event data is untrusted input and any field may be missing or of
 * another type, so readers must check before use.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/
 */

export type Level = 'fatal' | 'error' | 'warning' | 'info' | 'debug';

/** @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/ */
export interface SentryFrame {
  filename?: string;
  abs_path?: string;
  module?: string;
  package?: string;
  platform?: string;
  function?: string;
  raw_function?: string;
  lineno?: number;
  colno?: number;
  context_line?: string;
  pre_context?: string[];
  post_context?: string[];
  in_app?: boolean;
  vars?: Record<string, unknown>;
  instruction_addr?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface SentryStacktrace {
  frames?: SentryFrame[];
  registers?: Record<string, string>;
  [key: string]: unknown;
}

/** @see https://develop.sentry.dev/sdk/data-model/event-payloads/exception/ */
export interface SentryMechanism {
  type?: string;
  handled?: boolean;
  synthetic?: boolean;
  is_exception_group?: boolean;
  exception_id?: number;
  parent_id?: number;
  source?: string;
  description?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface SentryException {
  type?: string;
  value?: string;
  module?: string;
  thread_id?: number | string;
  stacktrace?: SentryStacktrace;
  raw_stacktrace?: SentryStacktrace;
  mechanism?: SentryMechanism;
  [key: string]: unknown;
}

export interface SentryThread {
  id?: number | string;
  name?: string;
  crashed?: boolean;
  current?: boolean;
  main?: boolean;
  stacktrace?: SentryStacktrace;
  [key: string]: unknown;
}

export interface SentryBreadcrumb {
  timestamp?: number | string;
  type?: string;
  category?: string;
  message?: string;
  level?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface SentryUser {
  id?: string | number;
  email?: string;
  username?: string;
  ip_address?: string;
  name?: string;
  [key: string]: unknown;
}

export interface SentryRequest {
  url?: string;
  method?: string;
  query_string?: string | Record<string, string> | [string, string][];
  data?: unknown;
  cookies?: string | Record<string, string> | [string, string][];
  headers?: Record<string, string> | [string, string][];
  env?: Record<string, string>;
  [key: string]: unknown;
}

export interface SentryLogEntry {
  message?: string;
  formatted?: string;
  params?: unknown[] | Record<string, unknown>;
}

export interface SentryDebugImage {
  type?: string;
  code_file?: string;
  debug_id?: string;
  [key: string]: unknown;
}

/**
 * An error or message event, after Lookout's light normalisation (see
 * `src/core/pipeline/normalize-event.ts`): `exception`, `threads` and `breadcrumbs` are always
 * in their `{ values: [...] }` form, `timestamp` is epoch seconds, `logentry` replaces a
 * string `message`, and `tags` is an array of pairs.
 */
export interface SentryEvent {
  event_id?: string;
  timestamp?: number;
  start_timestamp?: number;
  level?: Level | string;
  platform?: string;
  logger?: string;
  transaction?: string;
  server_name?: string;
  release?: string;
  dist?: string;
  environment?: string;
  message?: string | SentryLogEntry;
  logentry?: SentryLogEntry;
  exception?: { values?: SentryException[] };
  threads?: { values?: SentryThread[] };
  stacktrace?: SentryStacktrace;
  breadcrumbs?: { values?: SentryBreadcrumb[] };
  contexts?: Record<string, Record<string, unknown> | undefined>;
  tags?: [string, string][];
  extra?: Record<string, unknown>;
  user?: SentryUser;
  request?: SentryRequest;
  sdk?: { name?: string; version?: string; integrations?: string[]; packages?: { name?: string; version?: string }[] };
  fingerprint?: string[];
  modules?: Record<string, string>;
  debug_meta?: { images?: SentryDebugImage[] };
  type?: string;
  spans?: unknown[];
  measurements?: Record<string, unknown>;
  [key: string]: unknown;
}
