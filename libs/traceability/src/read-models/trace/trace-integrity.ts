import { verifyEvents } from '@hemotrace/event-sourcing';
import type { ExportedStream, TraceIntegrity, TraceIntegrityFinding } from './trace.model';

const at = (stream: ExportedStream, index: number) => {
  const event = stream.events[index];
  return {
    streamId: stream.streamId,
    streamVersion: event?.streamVersion ?? 0,
    globalPosition: event?.globalPosition ?? 0,
    eventId: event?.eventId ?? '',
  };
};

/**
 * Verifies the streams of a trace on their own: every hash recomputed, every link to the previous
 * event, versions from 1 without gaps, global positions rising with versions, and no trailing
 * events missing compared with the last head the read model saw. Used by the server and, on an
 * exported file, offline by `hemotrace verify-export`.
 */
export const verifyTraceStreams = (
  streams: readonly ExportedStream[],
  asOf: string | null,
): TraceIntegrity => {
  const findings: TraceIntegrityFinding[] = [];
  let eventsChecked = 0;
  for (const stream of streams) {
    const report = verifyEvents(stream.events);
    findings.push(...report.findings);
    eventsChecked += report.eventsChecked;
    stream.events.forEach((event, i) => {
      if (event.streamId !== stream.streamId) {
        findings.push({
          problem: 'FOREIGN_EVENT',
          ...at(stream, i),
          message: `An event of ${event.streamId} is listed under ${stream.streamId}`,
        });
      }
      if (i > 0 && event.globalPosition <= stream.events[i - 1].globalPosition) {
        findings.push({
          problem: 'GLOBAL_ORDER',
          ...at(stream, i),
          message: 'Global position does not increase with the stream version',
        });
      }
    });
    const last = stream.events.at(-1);
    const head = stream.head;
    /* An as-of view legitimately ends before a head recorded later. */
    if (head && (asOf === null || head.recordedAt <= asOf)) {
      const lastVersion = last?.streamVersion ?? 0;
      if (lastVersion < head.version || (lastVersion === head.version && last?.hash !== head.hash)) {
        findings.push({
          problem: 'MISSING_EVENTS',
          ...at(stream, stream.events.length - 1),
          message: `The stream ends at version ${lastVersion}; version ${head.version} with hash ${head.hash} was recorded`,
        });
      }
    }
  }
  return { ok: findings.length === 0, eventsChecked, streamsChecked: streams.length, findings };
};
