import type { Decider, DomainEvent } from './decider';
import { fold } from './decider';
import type { RecordedEvent } from './envelope';
import type { AppendMetadata, EventStore } from './event-store.port';

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

/**
 * Read, fold, decide, append with the expected version. A concurrent writer makes the append fail
 * with ConcurrencyError (409); nothing is overwritten. A retried commandId returns the first result.
 */
export const handleCommand = async <Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: AppendMetadata,
): Promise<CommandOutcome<State>> => {
  const history = await store.readStream(streamId);
  if (metadata.commandId) {
    const earlier = history.filter((e) => e.commandId === metadata.commandId);
    if (earlier.length > 0) {
      return {
        streamId,
        events: earlier,
        state: foldStream(decider, history),
        version: history.length,
        duplicate: true,
      };
    }
  }
  const state = foldStream(decider, history);
  const version = history.at(-1)?.streamVersion ?? 0;
  const decided = decider.decide(command, state);
  if (decided.length === 0) return { streamId, events: [], state, version, duplicate: false };
  const result = await store.append({
    streamId,
    events: decided.map((e) => ({ type: e.type, data: e.data })),
    expectedVersion: version === 0 ? 'no_stream' : version,
    metadata,
  });
  return {
    streamId,
    events: result.events,
    state: decided.reduce((s, e) => decider.evolve(s, e), state),
    version: result.version,
    duplicate: result.duplicate,
  };
};
