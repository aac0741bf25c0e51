import { randomBytes } from 'node:crypto';
import { eventStoreContract } from '../../testing/event-store.contract';
import { commandEventId, KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * Runs only against a real server (KURRENTDB_CONNECTION_STRING, e.g.
 * `kurrentdb://127.0.0.1:2113?tls=false`); otherwise jest reports these tests as skipped. Each
 * harness writes under its own stream prefix, so one server serves many runs. KurrentDB logs are
 * immutable through its API, so the suite has no tamperer here.
 */
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;
const describeWithKurrent = connectionString ? describe : describe.skip;

describeWithKurrent('KurrentDB', () => {
  eventStoreContract('KurrentDB', async () => ({
    store: await KurrentDbEventStore.connect(connectionString!, {
      streamPrefix: `t${randomBytes(5).toString('hex')}-`,
    }),
    /* Servers older than 25.1 have no multiStreamAppend: the adapter falls back to ordered appends. */
    atomicMultiStream: process.env.KURRENTDB_MULTI_STREAM_APPEND !== 'unsupported',
  }));
});

describe('KurrentDB event ids', () => {
  it('derives the same id for a retried command and different ids for its other events', () => {
    const first = commandEventId('Unit-1', 'cmd-1', 0);
    expect(commandEventId('Unit-1', 'cmd-1', 0)).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      new Set([first, commandEventId('Unit-1', 'cmd-1', 1), commandEventId('Unit-2', 'cmd-1', 0)]).size,
    ).toBe(3);
  });
});
