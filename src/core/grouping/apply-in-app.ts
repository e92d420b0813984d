import type { SentryEvent, SentryFrame } from '../../shared/sentry';
import { exceptionsOf, framesOf, isRecord, stacktraceOf, threadsOf } from './event-fields';
import { frameFacts } from './frame-facts';
import { resolveFrameFlags } from './in-app-rules';

function stacktraceFrameLists(event: SentryEvent): SentryFrame[][] {
  const lists = exceptionsOf(event).map((exception) => framesOf(stacktraceOf(exception)));
  for (const thread of threadsOf(event)) lists.push(framesOf(stacktraceOf(thread)));
  lists.push(framesOf(stacktraceOf(event)));
  return lists;
}

/**
 * Marks frames `in_app` as Sentry saves them: the SDK's value unless a built-in rule says
 * otherwise (the SDK's then kept as `data.orig_in_app`, 1 or 0, as Sentry keeps it); frames
 * neither claims are not in-app. Mutates and returns the event.
 * @see https://docs.sentry.io/platforms/javascript/configuration/in-app/
 */
export function applyInAppRules(event: SentryEvent): SentryEvent {
  if (!isRecord(event)) return event;
  for (const frames of stacktraceFrameLists(event)) {
    const flags = resolveFrameFlags(frames.map((frame) => frameFacts(frame, event)));
    frames.forEach((frame, index) => {
      const inApp = flags[index]?.inApp ?? false;
      if (typeof frame.in_app === 'boolean' && frame.in_app !== inApp) {
        const data = isRecord(frame.data) ? frame.data : {};
        data.orig_in_app = frame.in_app ? 1 : 0;
        frame.data = data;
      }
      frame.in_app = inApp;
    });
  }
  return event;
}
