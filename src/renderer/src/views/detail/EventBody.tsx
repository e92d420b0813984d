import type { EventDetail } from '../../../../shared/api-types';
import { LevelBadge } from '../../components/LevelBadge';
import { exceptionsOf } from '../../lib/exceptions';
import { AttachmentsSection } from './AttachmentsSection';
import { BreadcrumbsSection } from './BreadcrumbsSection';
import { EventLogsSection } from './EventLogsSection';
import { ContextsSection } from './ContextsSection';
import { CspReportSection } from './CspReportSection';
import { ExceptionsSection } from './ExceptionsSection';
import { FeedbackSection } from './FeedbackSection';
import { EventFeedbackSection } from './UserFeedbackSections';
import { GroupingSection } from './GroupingSection';
import { ImagesLoadedSection } from './ImagesLoadedSection';
import { LinksSection } from './LinksSection';
import { RawSection } from './RawSection';
import { RequestSection } from './RequestSection';
import { EventFactsSection, ExtraSection, MessageSection, SdkSection, TagsSection, UserSection } from './SimpleSections';
import { SpansSection } from './SpansSection';
import { PerformanceSection } from './PerformanceSection';
import { TransactionProblemsSection } from './TransactionProblemsSection';
import { CronFailureSection } from './CronFailureSection';
import { ThreadsSection } from './ThreadsSection';
import { FrameEventContext } from './frame-event';
import { ResymbolicatedNotice } from './ResymbolicatedNotice';
import { ProcessingErrorsSection } from './ProcessingErrorsSection';
import { EventProfileLink } from '../profiles/EventProfileLink';
import { EventLine } from '../../components/EventLine';

/** Every part of one event, in the order a developer reads them. */
export function EventBody({ detail }: { detail: EventDetail }) {
  const payload = typeof detail.payload === 'object' && detail.payload !== null ? detail.payload : {};
  const safe = { ...detail, payload };
  const hasExceptions = exceptionsOf(payload).length > 0;
  return (
    <article className="event-body" key={detail.eventId}>
      <div className="event-title-row">
        <LevelBadge level={detail.level} />
        <h2 className="event-title" data-testid="event-title"><EventLine text={detail.title} /></h2>
        {detail.kind !== 'event' && <span className="badge">{detail.kind}</span>}
        {/* A performance issue's event is the transaction's problem: its profile is the transaction's (its payload's id). */}
        {detail.kind === 'transaction' && <EventProfileLink eventId={typeof payload.event_id === 'string' ? payload.event_id : detail.eventId} />}
        {detail.truncated && (
          <span className="badge badge-warning" data-testid="event-truncated"
            title="The SDK sent more than Lookout keeps for one event (over 1 MiB, or nested too deep): the longest parts were cut.">
            stored truncated
          </span>
        )}
      </div>
      {detail.resymbolicated === true && <ResymbolicatedNotice detail={detail} />}
      <ProcessingErrorsSection event={payload} truncated={detail.truncated} />
      <FeedbackSection event={payload} />
      <EventFeedbackSection detail={detail} />
      <MessageSection event={payload} />
      <CspReportSection event={payload} />
      <FrameEventContext.Provider value={{ eventId: detail.eventId, platform: payload.platform }}>
        <ExceptionsSection event={payload} />
        <ThreadsSection event={payload} hasExceptions={hasExceptions} />
      </FrameEventContext.Provider>
      <PerformanceSection evidence={detail.performance} />
      <TransactionProblemsSection problems={detail.problems} />
      <CronFailureSection detail={detail} payload={payload} />
      <SpansSection event={payload} evidence={detail.performance ?? detail.problems?.find((p) => p.evidence)?.evidence ?? undefined} />
      <EventLogsSection detail={safe} />
      <BreadcrumbsSection event={payload} />
      <TagsSection event={payload} />
      <RequestSection event={payload} />
      <UserSection event={payload} />
      <LinksSection detail={safe} />
      <ContextsSection event={payload} />
      <EventFactsSection detail={safe} />
      <ExtraSection event={payload} />
      <AttachmentsSection attachments={detail.attachments} />
      <ImagesLoadedSection event={payload} />
      <SdkSection event={payload} />
      <GroupingSection detail={safe} />
      <RawSection detail={safe} />
    </article>
  );
}
