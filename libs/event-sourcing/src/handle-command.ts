import type { Decider, DomainEvent } from './decider';
import { fold } from './decider';
import type { RecordedEvent } from './envelope';
import { ConcurrencyError } from './errors';
import type { AppendMetadata, EventStore } from './event-store.port';
import type { StreamStateCache } from './stream-state-cache';
import { inSpan } from './tracing';

export interface CommandOutcome<State> {
  streamId: string;
  /** Events written by this command (or by its first run, when this was a retry). */
  events: RecordedEvent[];
  state: State;
  version: number;
  duplicate: boolean;
}

const asDomainEvent = <Event extends DomainEvent>(event: RecordedEvent): Event =>
  ({ type: event.type, data: event.data }) as Event;

export const foldStream = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly RecordedEvent[],
): State =>
  fold(
    decider,
    events.map((e) => asDomainEvent<Event>(e)),
  );

export interface HandleCommandOptions {
  /** Folded states of recently used streams: skips reading and folding when nothing changed. */
  cache?: StreamStateCache;
}

/**
 * Read, fold, decide, append with the expected version. A concurrent writer makes the append fail
 * with ConcurrencyError (409); nothing is overwritten. A retried commandId returns the first result.
 *
 * With a cache, the command is first decided on the cached state and appended with the cached
 * version. If another writer got there first, or the decider refuses, the command is decided again
 * on the stream as stored, so a stale cache never changes an outcome: it only saves the read.
 */
export const handleCommand = <Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: AppendMetadata,
  options: HandleCommandOptions = {},
): Promise<CommandOutcome<State>> => {
  const type = commandType(command);
  return inSpan(
    `command ${type}`,
    { attributes: { 'hemotrace.command.type': type, 'hemotrace.stream.id': streamId } },
    async (span) => {
      let outcome: CommandOutcome<State>;
      try {
        outcome = await decideAndAppend(store, decider, streamId, command, metadata, options);
      } catch (error) {
        span.setAttribute('hemotrace.command.outcome', 'rejected');
        throw error;
      }
      span.setAttribute('hemotrace.command.outcome', commandOutcome(outcome));
      return outcome;
    },
  );
};

/** The command's own name (every command union here is discriminated by `type`). */
export const commandType = (command: unknown): string => {
  const type = (command as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : 'unknown';
};

/** What a handled command did, as a trace attribute: appended, duplicate (a retry) or unchanged. */
export const commandOutcome = (outcome: Pick<CommandOutcome<unknown>, 'duplicate' | 'events'>): string =>
  outcome.duplicate ? 'duplicate' : outcome.events.length > 0 ? 'appended' : 'unchanged';

const decideAndAppend = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: AppendMetadata,
  options: HandleCommandOptions,
): Promise<CommandOutcome<State>> => {
  const { cache } = options;
  const cached = cache?.get<State>(decider, streamId);
  if (cached && !(metadata.commandId && cached.commandIds.has(metadata.commandId))) {
    const outcome = await tryOnCachedState(store, decider, streamId, command, metadata, cached);
    if (outcome) {
      remember(cache!, decider, outcome, cached.commandIds, metadata.commandId);
      return outcome;
    }
    cache!.delete(decider, streamId);
  }
  const history = await store.readStream(streamId);
  const commandIds = new Set(history.map((e) => e.commandId).filter((id): id is string => id !== null));
  if (metadata.commandId && commandIds.has(metadata.commandId)) {
    return {
      streamId,
      events: history.filter((e) => e.commandId === metadata.commandId),
      state: foldStream(decider, history),
      version: history.at(-1)?.streamVersion ?? 0,
      duplicate: true,
    };
  }
  const state = foldStream(decider, history);
  const version = history.at(-1)?.streamVersion ?? 0;
  const decided = decider.decide(command, state);
  if (decided.length === 0) return { streamId, events: [], state, version, duplicate: false };
  const outcome = await appendDecided(store, decider, streamId, state, version, decided, metadata);
  if (cache && !outcome.duplicate) remember(cache, decider, outcome, commandIds, metadata.commandId);
  return outcome;
};

/**
 * The command ids go into the set the entry already holds instead of a copy of it: the set only
 * ever gains ids of commands that were appended to the stream, and a cached set only decides
 * whether the cached state may be tried at all (a retry it misses is still answered by the store).
 */
const remember = <State>(
  cache: StreamStateCache,
  decider: object,
  outcome: CommandOutcome<State>,
  known: Set<string>,
  commandId: string | null | undefined,
): void => {
  if (commandId) known.add(commandId);
  cache.set(decider, outcome.streamId, { state: outcome.state, version: outcome.version, commandIds: known });
};

/** Undefined means: decide again on the stream as stored. */
const tryOnCachedState = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: AppendMetadata,
  cached: { state: State; version: number },
): Promise<CommandOutcome<State> | undefined> => {
  let decided: Event[];
  try {
    decided = decider.decide(command, cached.state);
  } catch {
    return undefined;
  }
  if (decided.length === 0) return undefined;
  try {
    const outcome = await appendDecided(
      store,
      decider,
      streamId,
      cached.state,
      cached.version,
      decided,
      metadata,
    );
    return outcome.duplicate ? undefined : outcome;
  } catch (error) {
    if (error instanceof ConcurrencyError) return undefined;
    throw error;
  }
};

const appendDecided = async <Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  state: State,
  version: number,
  decided: Event[],
  metadata: AppendMetadata,
): Promise<CommandOutcome<State>> => {
  const result = await store.append({
    streamId,
    events: decided.map((e) => ({ type: e.type, data: e.data })),
    expectedVersion: version === 0 ? 'no_stream' : version,
    metadata,
  });
  if (result.duplicate) return duplicateOutcome(store, decider, streamId, metadata.commandId!);
  return {
    streamId,
    events: result.events,
    state: decided.reduce((s, e) => decider.evolve(s, e), state),
    version: result.version,
    duplicate: result.duplicate,
  };
};

/**
 * A concurrent twin with the same commandId got there first: what this run decided was never
 * written, so the outcome is the stream as stored, the twin's events and the state they lead to.
 */
export const duplicateOutcome = async <Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  commandId: string,
): Promise<CommandOutcome<State>> => {
  const history = await store.readStream(streamId);
  return {
    streamId,
    events: history.filter((e) => e.commandId === commandId),
    state: foldStream(decider, history),
    version: history.at(-1)?.streamVersion ?? 0,
    duplicate: true,
  };
};
