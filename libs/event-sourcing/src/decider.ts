/** A domain event as the domain sees it: an explicit, stored type name we own, and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * decide(command, state) -> events; evolve(state, event) -> state. Pure functions only:
 * time, ids and the actor arrive inside the command.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export const fold = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State => events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
