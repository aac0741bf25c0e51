import type { RecordedEvent } from './envelope';
import { GENESIS_HASH } from './envelope';
import { computeEventHash } from './hash-chain';
import type { EventStore, LogCheckpoint } from './event-store.port';
import { LOG_START } from './event-store.port';

export type IntegrityProblem =
  'HASH_MISMATCH' | 'BROKEN_CHAIN' | 'VERSION_GAP' | 'VERSION_OUT_OF_ORDER' | 'GLOBAL_ORDER' | 'GLOBAL_GAP';

export interface IntegrityFinding {
  problem: IntegrityProblem;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  eventId: string;
  message: string;
}

export interface IntegrityReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  findings: IntegrityFinding[];
}

interface StreamHead {
  version: number;
  hash: string;
}

/**
 * Checks one event against what came before it in its stream. A changed field breaks its own hash;
 * a removed, inserted or moved event breaks the version sequence or the link to the previous hash.
 */
export const checkLink = (event: RecordedEvent, head: StreamHead | undefined): IntegrityFinding[] => {
  const findings: IntegrityFinding[] = [];
  const at = {
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    eventId: event.eventId,
  };
  const expectedVersion = (head?.version ?? 0) + 1;
  const expectedPrev = head?.hash ?? GENESIS_HASH;
  if (computeEventHash(event.prevHash, event) !== event.hash) {
    findings.push({
      problem: 'HASH_MISMATCH',
      ...at,
      message: 'Event content does not match its recorded hash',
    });
  }
  if (event.streamVersion < expectedVersion) {
    findings.push({
      problem: 'VERSION_OUT_OF_ORDER',
      ...at,
      message: `Stream version ${event.streamVersion} appears after version ${expectedVersion - 1}`,
    });
  } else if (event.streamVersion > expectedVersion) {
    findings.push({
      problem: 'VERSION_GAP',
      ...at,
      message: `Stream version ${event.streamVersion} follows ${expectedVersion - 1}: events are missing`,
    });
  }
  if (event.prevHash !== expectedPrev) {
    findings.push({
      problem: 'BROKEN_CHAIN',
      ...at,
      message: 'Previous-hash link does not match the preceding event',
    });
  }
  return findings;
};

/** Verifies one stream's events as read (for a trace or an export). */
export const verifyEvents = (events: readonly RecordedEvent[]): IntegrityReport => {
  const heads = new Map<string, StreamHead>();
  const findings: IntegrityFinding[] = [];
  for (const event of events) {
    findings.push(...checkLink(event, heads.get(event.streamId)));
    heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
  }
  return { ok: findings.length === 0, eventsChecked: events.length, streamsChecked: heads.size, findings };
};

export interface VerifyStoreOptions {
  batchSize?: number;
  /** Stores whose global positions have no gaps by construction (SQLite) also check that. */
  gapFreePositions?: boolean;
  onProgress?: (eventsChecked: number) => void;
}

/** Verifies the whole store by following the global log once; memory grows with the number of streams only. */
export const verifyStore = async (
  store: EventStore,
  options: VerifyStoreOptions = {},
): Promise<IntegrityReport> => {
  const batchSize = options.batchSize ?? 5000;
  const gapFree = options.gapFreePositions ?? store.kind === 'sqlite';
  const heads = new Map<string, StreamHead>();
  const findings: IntegrityFinding[] = [];
  let checkpoint: LogCheckpoint = LOG_START;
  let lastPosition = 0;
  let checked = 0;
  for (;;) {
    const batch = await store.readAll(checkpoint, batchSize);
    if (batch.events.length === 0) break;
    for (const event of batch.events) {
      const at = {
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        globalPosition: event.globalPosition,
        eventId: event.eventId,
      };
      if (event.globalPosition <= lastPosition && store.kind !== 'postgres') {
        findings.push({ problem: 'GLOBAL_ORDER', ...at, message: 'Global position does not increase' });
      } else if (gapFree && event.globalPosition !== lastPosition + 1) {
        findings.push({
          problem: 'GLOBAL_GAP',
          ...at,
          message: `Global positions ${lastPosition + 1}..${event.globalPosition - 1} are missing`,
        });
      }
      lastPosition = Math.max(lastPosition, event.globalPosition);
      findings.push(...checkLink(event, heads.get(event.streamId)));
      heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    }
    checked += batch.events.length;
    options.onProgress?.(checked);
    checkpoint = batch.checkpoint;
  }
  return { ok: findings.length === 0, eventsChecked: checked, streamsChecked: heads.size, findings };
};
