import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { newId } from '@hemotrace/kernel';
import { InMemoryEventStore } from './adapters/memory/in-memory-event-store';
import type { Decider, DomainEvent } from './decider';
import type { AppendMetadata } from './event-store.port';
import { handleCommand } from './handle-command';
import { eventHashIsValid } from './hash-chain';
import { activeTraceparent, contextFromTraceparent } from './tracing';
import { withUpcasting } from './upcasting/upcasting-event-store';

type Noted = DomainEvent<'Noted', { n: number }>;
const notes: Decider<{ type: 'Note' }, Noted, number> = {
  initialState: 0,
  evolve: (n) => n + 1,
  decide: (_command, n) => [{ type: 'Noted', data: { n: n + 1 } }],
};

const meta = (): AppendMetadata => ({
  actor: { userId: 'u1', role: 'admin', siteId: 'S' },
  correlationId: 'c',
  commandId: newId(),
  occurredAt: '2026-01-01T00:00:00.000Z',
});

const CALLER = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace context with no OpenTelemetry SDK registered (tracing off)', () => {
  it('handles a command as before and stores no trace context', async () => {
    const store = withUpcasting(new InMemoryEventStore());
    const outcome = await handleCommand(store, notes, 'Notes-1', { type: 'Note' }, meta());
    expect(outcome.events.map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(outcome.events[0].traceparent).toBeUndefined();
    expect(activeTraceparent()).toBeUndefined();
    expect(trace.getTracer('hemotrace').startSpan('anything').isRecording()).toBe(false);
  });

  it('reads a caller traceparent and writes it back unchanged', () => {
    expect(activeTraceparent(contextFromTraceparent({ traceparent: CALLER }, ROOT_CONTEXT))).toBe(CALLER);
    expect(
      activeTraceparent(contextFromTraceparent({ traceparent: 'garbage' }, ROOT_CONTEXT)),
    ).toBeUndefined();
  });
});

describe('the trace context an event keeps (a context manager, no SDK)', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());

  const inCallerTrace = <T>(work: () => Promise<T>) =>
    context.with(
      trace.setSpanContext(ROOT_CONTEXT, {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceFlags: TraceFlags.SAMPLED,
      }),
      work,
    );

  it('stores the active trace context with each appended event, outside the hashed envelope', async () => {
    const store = withUpcasting(new InMemoryEventStore());
    const outcome = await inCallerTrace(() =>
      handleCommand(store, notes, 'Notes-2', { type: 'Note' }, meta()),
    );
    const [stored] = await store.readStream('Notes-2');
    expect(stored.traceparent).toBe(CALLER);
    expect(outcome.events[0].traceparent).toBe(CALLER);
    expect(eventHashIsValid(stored)).toBe(true);
    expect(eventHashIsValid({ ...stored, traceparent: undefined })).toBe(true);
    expect(eventHashIsValid({ ...stored, traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` })).toBe(
      true,
    );
  });
});
