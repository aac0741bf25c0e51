import type { RecordedEvent } from '../../envelope';
import {
  assertExpectedVersion,
  buildEnvelopes,
  validateAppend,
  refuseMixedDuplicates,
  validateAppendMany,
} from '../../append-support';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  LogBatch,
  LogCheckpoint,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../../event-store.port';
import { createAppendNotifier, LogFollower } from '../../log-follower';

/** For tests and the demo generator: same contract as the durable stores, nothing kept on disk. */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'memory' as const;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly notifier = createAppendNotifier();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppend(request);
    const stream = this.streams.get(request.streamId) ?? [];
    const commandId = request.metadata.commandId;
    if (commandId) {
      const earlier = stream.filter((e) => e.commandId === commandId);
      if (earlier.length > 0) {
        return { streamId: request.streamId, version: stream.length, events: earlier, duplicate: true };
      }
    }
    assertExpectedVersion(request.streamId, request.expectedVersion, stream.length);
    const head = { version: stream.length, hash: stream.at(-1)?.hash ?? null };
    const recorded = buildEnvelopes(request, head, this.now().toISOString()).map((e, i) => ({
      ...e,
      globalPosition: this.log.length + i + 1,
    }));
    this.log.push(...recorded);
    this.streams.set(request.streamId, [...stream, ...recorded]);
    this.notifier.emit('appended');
    return {
      streamId: request.streamId,
      version: stream.length + recorded.length,
      events: recorded,
      duplicate: false,
    };
  }

  /** Decides every request against the log as it is, then commits them all; a throw leaves the log as it was. */
  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    validateAppendMany(requests);
    const recordedAt = this.now().toISOString();
    const staged: RecordedEvent[] = [];
    const results = requests.map((request): AppendResult => {
      const stream = this.streams.get(request.streamId) ?? [];
      const commandId = request.metadata.commandId;
      const earlier = commandId ? stream.filter((e) => e.commandId === commandId) : [];
      if (earlier.length > 0) {
        return { streamId: request.streamId, version: stream.length, events: earlier, duplicate: true };
      }
      assertExpectedVersion(request.streamId, request.expectedVersion, stream.length);
      const head = { version: stream.length, hash: stream.at(-1)?.hash ?? null };
      const recorded = buildEnvelopes(request, head, recordedAt).map((e, i) => ({
        ...e,
        globalPosition: this.log.length + staged.length + i + 1,
      }));
      staged.push(...recorded);
      return {
        streamId: request.streamId,
        version: stream.length + recorded.length,
        events: recorded,
        duplicate: false,
      };
    });
    refuseMixedDuplicates(requests, results);
    if (staged.length === 0) return results;
    this.log.push(...staged);
    for (const result of results) {
      if (result.duplicate) continue;
      this.streams.set(result.streamId, [...(this.streams.get(result.streamId) ?? []), ...result.events]);
    }
    this.notifier.emit('appended');
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.streams.get(streamId) ?? [];
    const upTo = options.recordedUpTo;
    return upTo ? events.filter((e) => e.recordedAt <= upTo) : [...events];
  }

  async readAll(after: LogCheckpoint, limit: number, options: ReadAllOptions = {}): Promise<LogBatch> {
    const from = after === '' ? 0 : Number(after);
    if (options.types) {
      const types = new Set(options.types);
      const events: RecordedEvent[] = [];
      let position = from;
      while (position < this.log.length && events.length < limit) {
        if (types.has(this.log[position].type)) events.push(this.log[position]);
        position += 1;
      }
      return { events, checkpoint: String(position) };
    }
    const events = this.log.slice(from, from + limit);
    return { events, checkpoint: events.length ? String(events.at(-1)!.globalPosition) : after };
  }

  subscribe(
    after: LogCheckpoint,
    handler: (batch: LogBatch) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return new LogFollower(this, this.notifier, after, handler, options);
  }

  async importRecorded(events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const stream = this.streams.get(event.streamId) ?? [];
      const copy = { ...event, globalPosition: this.log.length + 1 };
      this.log.push(copy);
      this.streams.set(event.streamId, [...stream, copy]);
    }
    this.notifier.emit('appended');
  }

  /** Test helper for the integrity suite: lets a test damage the log the way an attacker could. */
  tamper(mutate: (log: RecordedEvent[]) => void): void {
    mutate(this.log);
    this.streams.clear();
    for (const event of this.log)
      this.streams.set(event.streamId, [...(this.streams.get(event.streamId) ?? []), event]);
  }

  async close(): Promise<void> {
    this.notifier.removeAllListeners();
  }
}
