import { sql as base } from './001-base';
import { sql as issues } from './002-issues';
import { sql as eventIdIndex } from './005-event-id-index';
import { sql as logsTraceIndex } from './004-logs-trace-index';
import { sql as envelopeIndexes } from './003-envelope-indexes';
import { sql as bodyDictionaries } from './006-body-dictionaries';
import { sql as replaySegmentItems } from './008-replay-segment-items';
import { sql as storeCounts } from './009-store-counts';
import { sql as spanBlocks } from './007-span-blocks';
import { sql as fewerEventIndexes } from './010-fewer-event-indexes';
import { sql as attachmentItems } from './011-attachment-items';
import { sql as envelopeRemoteAddr } from './012-envelope-remote-addr';
import { sql as userFields } from './013-user-fields';
import { sql as feedbackLookup } from './014-feedback-lookup';
import { sql as checkInIndexes } from './015-check-in-indexes';
import { sql as issueMerges } from './016-issue-merges';
import { sql as mergeOrigins } from './017-merge-origins';
import { sql as issueActivity } from './018-issue-activity';
import { sql as checkInConfig } from './019-check-in-config';
import { sql as profileLookup } from './020-profile-lookup';
import { sql as userFieldSweep } from './021-user-field-sweep';
import { sql as pendingIssueOps } from './022-pending-issue-ops';
import { sql as checkInDefaultEnvironment } from './023-check-in-default-environment';
import { sql as performanceOccurrences } from './024-performance-occurrences';
import { backfillFeedbackEvents } from '../feedback-backfill';
import { backfillProfileFacts } from '../profile-backfill';
import { splitPerformanceTransactions } from '../occurrence-migration';
import { sql as cronIncidents } from './025-cron-incidents';
import { sql as spanSegments } from './026-span-segments';
import { sql as feedbackRead } from './027-feedback-read';
import { sql as projectNames } from './028-project-names';
import { nameStoredProjects } from '../project-namer';
import { sql as outcomeCounts } from './029-outcome-counts';
import { sql as feedbackStatus } from './030-feedback-status';
import { sql as releaseHealth } from './031-release-health';
import { sql as issueTextTrigram } from './032-issue-text-trigram';
import { sql as itemQuantities } from './033-item-quantities';
import { sql as attachmentBytes } from './034-attachment-bytes';
import { sql as feedbackEventIndex } from './035-feedback-event-index';
import { sql as releaseCounts } from './036-release-counts';
import { sql as sessionHealth } from './037-session-health';
import { sql as webVitals } from './038-web-vitals';
import { sql as replayFrustration } from './039-replay-frustration';
import { backfillReplayFrustration } from '../replay-frustration-backfill';
import { sql as webVitalAggregates } from './040-web-vital-aggregates';
import { backfillWebVitals } from '../web-vitals-backfill';
import { sql as sessionHealthCheaper } from './041-session-health-cheaper';
import { sql as releaseSeenOwnTime } from './042-release-seen-own-time';
import { sql as sessionAnrIndex } from './043-session-anr-index';
import { sql as firstReleaseByTime } from './045-first-release-by-time';
import { backfillFirstReleases } from '../first-release-backfill';
import { sql as webVitalViewsHour } from './044-web-vital-views-hour';
import type { DB } from '../db';

/**
 * Numbered migrations, applied in order and recorded with a checksum. An applied migration is
 * never edited: a changed checksum stops start-up. Add a new numbered file instead.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rows only code can write (from payloads SQL cannot decode), run after `sql` in the same
   * transaction. Not part of the checksum; it runs once, as the migration does.
   */
  after?: (db: DB) => void;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'base', sql: base },
  { version: 2, name: 'issues', sql: issues },
  { version: 3, name: 'envelope-indexes', sql: envelopeIndexes },
  { version: 4, name: 'logs-trace-index', sql: logsTraceIndex },
  { version: 5, name: 'event-id-index', sql: eventIdIndex },
  { version: 6, name: 'body-dictionaries', sql: bodyDictionaries },
  { version: 7, name: 'span-blocks', sql: spanBlocks },
  { version: 8, name: 'replay-segment-items', sql: replaySegmentItems },
  { version: 9, name: 'store-counts', sql: storeCounts },
  { version: 10, name: 'fewer-event-indexes', sql: fewerEventIndexes },
  { version: 11, name: 'attachment-items', sql: attachmentItems },
  { version: 12, name: 'envelope-remote-addr', sql: envelopeRemoteAddr },
  { version: 13, name: 'user-fields', sql: userFields },
  { version: 14, name: 'feedback-lookup', sql: feedbackLookup, after: backfillFeedbackEvents },
  { version: 15, name: 'check-in-indexes', sql: checkInIndexes },
  { version: 16, name: 'issue-merges', sql: issueMerges },
  { version: 17, name: 'merge-origins', sql: mergeOrigins },
  { version: 18, name: 'issue-activity', sql: issueActivity },
  { version: 19, name: 'check-in-config', sql: checkInConfig },
  { version: 20, name: 'profile-lookup', sql: profileLookup, after: backfillProfileFacts },
  { version: 21, name: 'user-field-sweep', sql: userFieldSweep },
  { version: 22, name: 'pending-issue-ops', sql: pendingIssueOps },
  { version: 23, name: 'check-in-default-environment', sql: checkInDefaultEnvironment },
  { version: 24, name: 'performance-occurrences', sql: performanceOccurrences, after: splitPerformanceTransactions },
  { version: 25, name: 'cron-incidents', sql: cronIncidents },
  { version: 26, name: 'span-segments', sql: spanSegments },
  { version: 27, name: 'feedback-read', sql: feedbackRead },
  { version: 28, name: 'project-names', sql: projectNames, after: nameStoredProjects },
  { version: 29, name: 'outcome-counts', sql: outcomeCounts },
  { version: 30, name: 'feedback-status', sql: feedbackStatus },
  { version: 31, name: 'release-health', sql: releaseHealth },
  { version: 32, name: 'issue-text-trigram', sql: issueTextTrigram },
  { version: 33, name: 'item-quantities', sql: itemQuantities },
  { version: 34, name: 'attachment-bytes', sql: attachmentBytes },
  { version: 35, name: 'feedback-event-index', sql: feedbackEventIndex },
  { version: 36, name: 'release-counts', sql: releaseCounts },
  { version: 37, name: 'session-health', sql: sessionHealth },
  { version: 38, name: 'web-vitals', sql: webVitals },
  { version: 39, name: 'replay-frustration', sql: replayFrustration, after: backfillReplayFrustration },
  { version: 40, name: 'web-vital-aggregates', sql: webVitalAggregates, after: backfillWebVitals },
  { version: 41, name: 'session-health-cheaper', sql: sessionHealthCheaper },
  { version: 42, name: 'release-seen-own-time', sql: releaseSeenOwnTime },
  { version: 43, name: 'session-anr-index', sql: sessionAnrIndex },
  { version: 44, name: 'web-vital-views-hour', sql: webVitalViewsHour },
  { version: 45, name: 'first-release-by-time', sql: firstReleaseByTime, after: backfillFirstReleases },
];
