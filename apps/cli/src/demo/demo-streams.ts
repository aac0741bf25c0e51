import type { Decider, DomainEvent } from '@hemotrace/event-sourcing';

/** The demo asked a context's decider for something it refuses: the generator is out of step with the domain. */
export class DemoCommandRefused extends Error {
  readonly code = 'DEMO.COMMAND_REFUSED';

  constructor(
    readonly streamId: string,
    readonly command: string,
    readonly refusal: unknown,
  ) {
    const why = refusal instanceof Error ? `${refusal.name}: ${refusal.message}` : String(refusal);
    super(`The demo's ${command} on ${streamId} was refused by its decider (${why})`);
    this.name = 'DemoCommandRefused';
  }
}

/**
 * The demo's streams, each folded by its owner's decider: a command is decided on the state its
 * stream has reached, as the owner's handler would decide it, and a refusal ends the generation.
 * A stream the demo is done with is forgotten, so memory follows the streams still in use.
 */
export class DemoStreams {
  private readonly states = new Map<string, unknown>();

  decide<Command extends { type: string }, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
  ): Event[] {
    let state = this.stateOf(decider, streamId);
    let events: Event[];
    try {
      events = decider.decide(command, state);
    } catch (refusal) {
      throw new DemoCommandRefused(streamId, command.type, refusal);
    }
    for (const event of events) state = decider.evolve(state, event);
    this.states.set(streamId, state);
    return events;
  }

  stateOf<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
  ): State {
    return (this.states.get(streamId) as State | undefined) ?? decider.initialState;
  }

  forget(streamId: string): void {
    this.states.delete(streamId);
  }

  get size(): number {
    return this.states.size;
  }
}

/**
 * A UUIDv7-shaped event id that depends only on the business time, the seed and the event's
 * rank in the plan: the same seed gives the same ids, so a reaction's command id, derived from
 * its cause's id, is the same on every run.
 */
export const demoEventId = (occurredAtMs: number, seed: number, rank: number): string => {
  const time = occurredAtMs.toString(16).padStart(12, '0');
  const variant = (0x8000 | (Math.floor(rank / 2 ** 48) & 0x3fff)).toString(16);
  const seedHex = (seed & 0xfff).toString(16).padStart(3, '0');
  const node = (rank % 2 ** 48).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${seedHex}-${variant}-${node}`;
};
