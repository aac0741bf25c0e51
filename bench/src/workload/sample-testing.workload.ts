import type { AppendMetadata } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import type { Marker, MarkerResult, SampleTestingCommand } from './sample-testing.decider';
import { MARKERS } from './sample-testing.decider';

/** Deterministic commands for the bench streams; only the ids are random. */
const BASE_TIME = Date.UTC(2026, 0, 5, 8, 0, 0);

export const instant = (seconds: number): string => new Date(BASE_TIME + seconds * 1000).toISOString();

/** 13 characters like an ISBT 128 DIN: facility A99xx, year 26, a six-digit sequence. */
export const dinFor = (n: number): string =>
  `A99${String(Math.floor(n / 1_000_000) % 100).padStart(2, '0')}26${String(n % 1_000_000).padStart(6, '0')}`;

export const streamIdFor = (din: string): string => `BenchTesting-${din}`;

const METHODS: Record<Marker, MarkerResult['method']> = {
  HIV: 'ELISA',
  HBV: 'ELISA',
  HCV: 'NAT',
  SYPHILIS: 'ELISA',
  ALT: 'CHEMISTRY',
};

export const markerResult = (n: number, at: string): MarkerResult => {
  const marker = MARKERS[n % MARKERS.length];
  return {
    marker,
    method: METHODS[marker],
    kit: `${marker}-KIT-${n % 3 === 0 ? 'A' : 'B'}`,
    lot: `L2026-${String(100 + (n % 37)).padStart(4, '0')}`,
    instrument: `BEP-2000-${n % 4}`,
    result: n % 997 === 0 ? 'Reactive' : 'NonReactive',
    value: Math.round(((n * 7919) % 1000) / 10) / 100,
    cutoff: 1,
    testedAt: at,
  };
};

export const receiveSample = (din: string, at: string): SampleTestingCommand => ({
  type: 'ReceiveSample',
  din,
  tubeId: `T-${din}`,
  siteId: 'BC-1',
  receivedAt: at,
});

export const recordMarkerResult = (din: string, n: number, at: string): SampleTestingCommand => ({
  type: 'RecordMarkerResult',
  din,
  result: markerResult(n, at),
});

export const PANEL_SIZE = MARKERS.length;

export const recordPanel = (din: string, n: number, at: string): SampleTestingCommand => ({
  type: 'RecordPanel',
  din,
  results: MARKERS.map((_, i) => markerResult(n * PANEL_SIZE + i, at)),
});

/** What the HTTP edge would attach: the acting technician, a correlation id and an idempotency key. */
export const metadataAt = (at: string): AppendMetadata => ({
  actor: { userId: 'lab-tech-07', role: 'laboratory', siteId: 'BC-1' },
  correlationId: newId(),
  causationId: null,
  commandId: newId(),
  occurredAt: at,
});

export interface PlannedCommand {
  streamId: string;
  command: SampleTestingCommand;
  at: string;
}

/**
 * Commands round-robin over `streams` streams (as a lab works through a batch of tubes): each stream
 * first receives its sample, then takes `perStream - 1` single results, cut at `total` commands.
 */
export const singleEventPlan = (
  firstDin: number,
  total: number,
  perStream: number,
): { plan: PlannedCommand[]; streams: number } => {
  const streams = Math.max(1, Math.ceil(total / Math.max(1, perStream)));
  const plan: PlannedCommand[] = [];
  for (let round = 0; plan.length < total; round += 1) {
    for (let s = 0; s < streams && plan.length < total; s += 1) {
      const din = dinFor(firstDin + s);
      const at = instant(plan.length);
      const command = round === 0 ? receiveSample(din, at) : recordMarkerResult(din, round, at);
      plan.push({ streamId: streamIdFor(din), command, at });
    }
  }
  return { plan, streams };
};

/** Streams that already hold a received sample take `panelsPerStream` five-result panels each, round-robin. */
export const panelPlan = (
  firstDin: number,
  total: number,
  panelsPerStream: number,
): { setup: PlannedCommand[]; plan: PlannedCommand[]; streams: number } => {
  const streams = Math.max(1, Math.ceil(total / Math.max(1, panelsPerStream)));
  const setup: PlannedCommand[] = [];
  for (let s = 0; s < streams; s += 1) {
    const din = dinFor(firstDin + s);
    const at = instant(s);
    setup.push({ streamId: streamIdFor(din), command: receiveSample(din, at), at });
  }
  const plan: PlannedCommand[] = [];
  for (let round = 0; plan.length < total; round += 1) {
    for (let s = 0; s < streams && plan.length < total; s += 1) {
      const din = dinFor(firstDin + s);
      const at = instant(streams + plan.length);
      plan.push({ streamId: streamIdFor(din), command: recordPanel(din, round, at), at });
    }
  }
  return { setup, plan, streams };
};
