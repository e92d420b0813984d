/**
 * Session Replay decoding: pure, Node-only, no storage. The pipeline stores what these return.
 * @see https://develop.sentry.dev/sdk/telemetry/replays/
 */
export type { RrwebEvent, DecodedSegment, ReplayMarker } from './types';
export { splitRecordingPayload, type RecordingPayload } from './recording-payload';
export { decodeSegmentBody, decodeSegmentJson, inflateSegmentSync, DEFAULT_MAX_SEGMENT_BYTES } from './decode-segment';
export { normalizeRrwebEvents, toMilliseconds } from './rrweb-normalize';
export { readReplayEvent, type ReplayEventInfo } from './replay-event';
export { decodeReplayVideo, type ReplayVideoParts } from './replay-video';
export { extractMarkers } from './markers';
export { countFrustration, slowClickFrustration, SLOW_CLICK_CATEGORY, type ClickFrustration, type FrustrationCounts } from './frustration';
export { assembleReplay, type StoredSegment, type SkippedSegment, type AssembledReplay } from './assemble';
export { decodeMsgpack, MsgpackError, type MsgpackValue } from './msgpack';
export { extractConsoleEntries } from './console-entries';
export { extractNetworkEntries } from './network-entries';
