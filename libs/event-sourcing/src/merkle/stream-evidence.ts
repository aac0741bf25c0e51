import type { RecordedEvent } from '../envelope';
import type { LogTree } from './log-tree';
import type { EvidenceFinding } from './verify-log';

export const STREAM_EVIDENCE = Symbol('StreamEvidence');

/** What a read-model response must say about the streams it was built from. */
export interface StreamDamage {
  ok: boolean;
  findings: EvidenceFinding[];
}

export interface StreamEvidence {
  damageIn(
    streams: readonly { streamId: string; events: readonly RecordedEvent[] }[],
    asOf: string | null,
  ): Promise<StreamDamage>;
}

/**
 * Compares streams as read now with what the log tree's follower recorded when they were
 * appended: a changed event, a vanished one, or (for a view of today, not an as-of view) a stream
 * ending before its recorded head. Cheap enough for every trace: one lookup per stream and event.
 */
export const damageAgainstTree = async (
  tree: LogTree,
  streams: readonly { streamId: string; events: readonly RecordedEvent[] }[],
  asOf: string | null,
): Promise<EvidenceFinding[]> => {
  const findings: EvidenceFinding[] = [];
  const events = streams.flatMap((s) => s.events);
  const leaves = new Map((await tree.leavesOf(events.map((e) => e.eventId))).map((l) => [l.eventId!, l]));
  for (const event of events) {
    const leaf = leaves.get(event.eventId);
    if (leaf && leaf.eventHash !== event.hash)
      findings.push({
        problem: 'EVENT_CHANGED',
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        eventId: event.eventId,
        leafIndex: leaf.index,
        message: `Event ${event.streamId}@${event.streamVersion} was recorded in the log tree with hash ${leaf.eventHash}; it now hashes to ${event.hash}`,
      });
  }
  if (asOf === null) {
    for (const stream of streams) {
      const head = await tree.storedHead(stream.streamId);
      const last = stream.events.at(-1);
      if (head && (last?.streamVersion ?? 0) < head.version)
        findings.push({
          problem: 'STREAM_TRUNCATED',
          streamId: stream.streamId,
          streamVersion: head.version,
          eventId: head.eventId,
          leafIndex: head.leafIndex,
          message: `Stream ${stream.streamId} ends at version ${last?.streamVersion ?? 0}; its version ${head.version} (event ${head.eventId}) was recorded`,
        });
    }
  }
  return findings;
};
