import type { Decider, DomainEvent } from '@hemotrace/event-sourcing';
import { DomainError } from '@hemotrace/kernel';

/**
 * A small laboratory-testing aggregate with realistic payloads, used only to load the store.
 * Its event names carry a `Bench` prefix so that no real projection ever mistakes them for its own.
 */
export type Marker = 'HIV' | 'HBV' | 'HCV' | 'SYPHILIS' | 'ALT';

export const MARKERS: readonly Marker[] = ['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'];

export interface MarkerResult {
  marker: Marker;
  method: 'ELISA' | 'NAT' | 'CHEMISTRY';
  kit: string;
  lot: string;
  instrument: string;
  result: 'NonReactive' | 'Reactive';
  value: number;
  cutoff: number;
  testedAt: string;
}

export type SampleTestingCommand =
  | { type: 'ReceiveSample'; din: string; tubeId: string; siteId: string; receivedAt: string }
  | { type: 'RecordMarkerResult'; din: string; result: MarkerResult }
  | { type: 'RecordPanel'; din: string; results: MarkerResult[] };

export type SampleTestingEvent =
  | DomainEvent<'BenchSampleReceived', { din: string; tubeId: string; siteId: string; receivedAt: string }>
  | DomainEvent<'BenchMarkerResultRecorded', MarkerResult & { din: string }>;

export type SampleTesting =
  { status: 'NoSample' } | { status: 'InTesting'; din: string; resultCount: number; reactive: Marker[] };

class SampleAlreadyReceived extends DomainError {
  constructor(din: string) {
    super('BENCH.SAMPLE_ALREADY_RECEIVED', `Sample ${din} was already received`, { din });
  }
}

class SampleNotReceived extends DomainError {
  constructor(din: string) {
    super('BENCH.SAMPLE_NOT_RECEIVED', `No sample ${din} has been received`, { din });
  }
}

const inTesting = (state: SampleTesting, din: string): Extract<SampleTesting, { status: 'InTesting' }> => {
  if (state.status !== 'InTesting' || state.din !== din) throw new SampleNotReceived(din);
  return state;
};

const resultRecorded = (din: string, result: MarkerResult): SampleTestingEvent => ({
  type: 'BenchMarkerResultRecorded',
  data: { din, ...result },
});

const decide = (command: SampleTestingCommand, state: SampleTesting): SampleTestingEvent[] => {
  switch (command.type) {
    case 'ReceiveSample': {
      if (state.status !== 'NoSample') throw new SampleAlreadyReceived(command.din);
      const { din, tubeId, siteId, receivedAt } = command;
      return [{ type: 'BenchSampleReceived', data: { din, tubeId, siteId, receivedAt } }];
    }
    case 'RecordMarkerResult':
      inTesting(state, command.din);
      return [resultRecorded(command.din, command.result)];
    case 'RecordPanel':
      inTesting(state, command.din);
      return command.results.map((result) => resultRecorded(command.din, result));
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
};

const evolve = (state: SampleTesting, event: SampleTestingEvent): SampleTesting => {
  switch (event.type) {
    case 'BenchSampleReceived':
      return { status: 'InTesting', din: event.data.din, resultCount: 0, reactive: [] };
    case 'BenchMarkerResultRecorded': {
      if (state.status !== 'InTesting') return state;
      const reactive =
        event.data.result === 'Reactive' && !state.reactive.includes(event.data.marker)
          ? [...state.reactive, event.data.marker]
          : state.reactive;
      return { ...state, resultCount: state.resultCount + 1, reactive };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
    }
  }
};

export const sampleTestingDecider: Decider<SampleTestingCommand, SampleTestingEvent, SampleTesting> = {
  initialState: { status: 'NoSample' },
  decide,
  evolve,
};
