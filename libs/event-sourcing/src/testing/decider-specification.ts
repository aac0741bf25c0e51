import type { Decider, DomainEvent } from '../decider';

type ErrorClass = abstract new (...args: never[]) => Error;

interface Then<Event> {
  then(expected: Event[]): void;
  thenThrows(errorClass: ErrorClass, code?: string): void;
  thenNothingHappens(): void;
}

/**
 * given(events).when(command).then(events) over a pure decider, as in Emmett's DeciderSpecification.
 * No mocks, no store: the rule under test is the only thing that runs.
 */
export const DeciderSpecification = {
  for<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
    return (given: Event[] = []) => ({
      when(command: Command): Then<Event> {
        const run = () =>
          decider.decide(
            command,
            given.reduce((s, e) => decider.evolve(s, e), decider.initialState),
          );
        return {
          then(expected: Event[]) {
            expect(run()).toEqual(expected);
          },
          thenThrows(errorClass: ErrorClass, code?: string) {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            if (code) expect((thrown as { code?: string }).code).toBe(code);
          },
          thenNothingHappens() {
            expect(run()).toEqual([]);
          },
        };
      },
    });
  },
};
