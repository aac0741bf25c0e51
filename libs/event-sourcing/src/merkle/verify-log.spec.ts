import { generateKeyPairSync } from 'node:crypto';
import { systemActor } from '@hemotrace/kernel';
import { InMemoryEventStore } from '../adapters/memory/in-memory-event-store';
import type { RecordedEvent } from '../envelope';
import type { LogBatch, LogCheckpoint } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import { computeEventHash } from '../hash-chain';
import { InMemoryReadModelStore } from '../read-models/in-memory-read-model-store';
import { CheckpointWriter } from './checkpoint-writer';
import { LogTree } from './log-tree';
import { consistencyProof, eventLeafHash, subtreesOfLeaves } from './merkle-tree';
import { noteSigner, noteVerifierOf } from './signed-note';
import type { LogVerification } from './verify-log';
import { verifyLog } from './verify-log';

const ORIGIN = 'bc.example/log';
const signer = noteSigner(
  ORIGIN,
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
);
const verifiers = [noteVerifierOf(signer.name, signer.publicKey)];

/**
 * Read by global position, as the durable stores read the log, so that a test can delete from the
 * middle of it (the in-memory store reads by offset).
 */
class PositionedStore extends InMemoryEventStore {
  override async readAll(after: LogCheckpoint, limit: number): Promise<LogBatch> {
    let log: RecordedEvent[] = [];
    this.tamper((events) => {
      log = events;
    });
    const from = after === LOG_START ? 0 : Number(after);
    const events = [...log]
      .sort((a, b) => a.globalPosition - b.globalPosition)
      .filter((e) => e.globalPosition > from)
      .slice(0, limit);
    return { events, checkpoint: events.length ? String(events.at(-1)!.globalPosition) : after };
  }
}

/** Four streams of three events appended in turn: A1 B1 C1 D1 A2 B2 ... D3, global positions 1..12. */
const roundRobinLog = async () => {
  const store = new PositionedStore();
  const tree = new LogTree(store, new InMemoryReadModelStore());
  const writer = new CheckpointWriter(store, tree, signer, {
    origin: ORIGIN,
    now: () => '2026-03-01T08:00:00.000Z',
  });
  for (let version = 1; version <= 3; version++)
    for (const stream of ['A', 'B', 'C', 'D'])
      await store.append({
        streamId: stream,
        events: [{ type: 'Noted', data: { stream, version } }],
        expectedVersion: version - 1,
        metadata: {
          actor: systemActor(),
          correlationId: `${stream}${version}`,
          occurredAt: '2026-03-01T07:00:00.000Z',
        },
      });
  await tree.catchUp();
  return { store, tree, writer };
};

type Log = Awaited<ReturnType<typeof roundRobinLog>>;

/** Small pages, so that damage lands on the edges of the log's and the tree's pages. */
const verify = async ({ store, tree }: Log, extra: Partial<Parameters<typeof verifyLog>[2]> = {}) => {
  await tree.catchUp();
  return verifyLog(store, tree, { verifiers, origin: ORIGIN, batchSize: 3, ...extra });
};

const named = (report: LogVerification) =>
  report.findings.map(
    (f) =>
      `${f.problem} ${f.streamId ?? 'log'}@${f.streamVersion ?? '-'}${f.leafIndex === undefined ? '' : ` leaf ${f.leafIndex}`}`,
  );

const rehashed = (event: RecordedEvent, change: Partial<RecordedEvent>): RecordedEvent => {
  const changed = { ...event, ...change };
  return { ...changed, hash: computeEventHash(changed.prevHash, changed) };
};

const at = (log: RecordedEvent[], streamId: string, version: number) =>
  log.findIndex((e) => e.streamId === streamId && e.streamVersion === version);

describe('verifying the log against its tree, page by page', () => {
  it('finds nothing wrong with an untouched log and counts every event and leaf', async () => {
    const report = await verify(await roundRobinLog());
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 12,
      streamsChecked: 4,
      treeSize: 12,
      findings: [],
    });
  });

  it('names a deleted event and the event inserted in its place separately', async () => {
    const log = await roundRobinLog();
    log.store.tamper((events) => {
      const i = at(events, 'D', 1);
      events[i] = { ...events[i]!, eventId: 'forged-D1' };
    });
    const report = await verify(log);
    expect(named(report)).toEqual(['HASH_MISMATCH D@1', 'EVENT_INSERTED D@1', 'EVENT_DELETED D@1 leaf 3']);
    expect(report.findings.map((f) => f.eventId)).toEqual([
      'forged-D1',
      'forged-D1',
      expect.not.stringMatching('forged'),
    ]);
  });

  it('names events deleted at the first and the last place of a page, and explains their gaps', async () => {
    const log = await roundRobinLog();
    log.store.tamper((events) => {
      events.splice(at(events, 'B', 2), 1);
      events.splice(at(events, 'D', 1), 1);
    });
    expect(named(await verify(log))).toEqual([
      'VERSION_GAP D@2',
      'BROKEN_CHAIN D@2',
      'VERSION_GAP B@3',
      'BROKEN_CHAIN B@3',
      'EVENT_DELETED D@1 leaf 3',
      'EVENT_DELETED B@2 leaf 5',
    ]);
  });

  it('names an event changed in place and re-hashed as changed, at its leaf', async () => {
    const log = await roundRobinLog();
    log.store.tamper((events) => {
      const i = at(events, 'A', 3);
      events[i] = rehashed(events[i]!, { data: { stream: 'A', version: 3, forged: true } });
    });
    expect(named(await verify(log))).toEqual(['EVENT_CHANGED A@3 leaf 8', 'STREAM_HEAD_CHANGED A@3']);
  });

  it("names the log's deleted last event and its truncated stream", async () => {
    const log = await roundRobinLog();
    log.store.tamper((events) => void events.pop());
    const report = await verify(log);
    expect(named(report)).toEqual(['EVENT_DELETED D@3 leaf 11', 'STREAM_TRUNCATED D@3 leaf 11']);
    expect(report).toMatchObject({ eventsChecked: 11, treeSize: 12, damagedStreams: ['D'] });
  });

  it('reports an event moved to the end of the log as deleted from its leaf and taken in again', async () => {
    const log = await roundRobinLog();
    log.store.tamper((events) => {
      const [first] = events.splice(0, 1);
      events.push({ ...first!, globalPosition: 13 });
    });
    expect(named(await verify(log))).toEqual([
      'VERSION_GAP A@2',
      'BROKEN_CHAIN A@2',
      'VERSION_OUT_OF_ORDER A@1',
      'BROKEN_CHAIN A@1',
      'EVENT_DELETED A@1 leaf 0',
    ]);
  });

  it('reports a gap in global positions that deleted events explain only in part', async () => {
    const log = await roundRobinLog();
    log.store.tamper((events) => {
      events.splice(at(events, 'C', 3), 1);
      const i = at(events, 'D', 3);
      events[i] = { ...events[i]!, globalPosition: 14 };
    });
    const report = await verify(log);
    expect(named(report)).toEqual([
      'EVENT_DELETED C@3 leaf 10',
      'EVENT_DELETED D@3 leaf 11',
      'GLOBAL_GAP D@3',
      'STREAM_TRUNCATED C@3 leaf 10',
    ]);
    expect(report.findings.find((f) => f.problem === 'GLOBAL_GAP')!.message).toContain('11..13');
  });
});

describe('verifying the log against its signed checkpoints', () => {
  it('accepts the latest checkpoint and proves the log only grew since a kept one', async () => {
    const log = await roundRobinLog();
    const kept = (await log.writer.write())!;
    await log.writer.write();
    const report = await verify(log, { since: { note: kept.note, source: 'kept' } });
    expect(report.ok).toBe(true);
    expect(report.checkpoint).toMatchObject({ treeSize: 13, source: 'Checkpoint-log@2' });

    const leaves: Buffer[] = [];
    for (const e of (await log.store.readAll(LOG_START, 100)).events) leaves.push(eventLeafHash(e.hash));
    const proof = consistencyProof(12, 13, subtreesOfLeaves(leaves.slice(0, 13)));
    expect(report.consistency).toEqual({
      from: 12,
      to: 13,
      toSigned: true,
      proof: proof.map((p) => p.toString('base64')),
      ok: true,
    });
  });

  it('proves against the log itself when no checkpoint is newer than the kept one, and refuses a rewritten one', async () => {
    const log = await roundRobinLog();
    const kept = (await log.writer.write())!;
    log.store.tamper((events) => void events.pop());
    const since = { note: kept.note, source: 'kept' };
    expect((await verify(log, { since })).consistency).toMatchObject({
      from: 12,
      to: 12,
      toSigned: false,
      ok: true,
    });

    log.store.tamper((events) => {
      events[0] = rehashed(events[0]!, { data: { stream: 'A', version: 1, forged: true } });
    });
    const refused = await verify(log, { since });
    expect(named(refused)).toEqual(['EVENT_CHANGED A@1 leaf 0', 'BROKEN_CHAIN A@2', 'NOT_CONSISTENT log@-']);
    expect(refused.consistency).toMatchObject({ from: 12, to: 12, ok: false });
  });

  it('says the log is shorter than the checkpoint and which older checkpoints it no longer extends', async () => {
    const log = await roundRobinLog();
    await log.writer.write();
    await log.store.append({
      streamId: 'A',
      events: [{ type: 'Noted', data: { stream: 'A', version: 4 } }],
      expectedVersion: 3,
      metadata: { actor: systemActor(), correlationId: 'A4', occurredAt: '2026-03-01T07:00:00.000Z' },
    });
    const latest = (await log.writer.write())!;
    log.store.tamper((events) => {
      events[1] = rehashed(events[1]!, { data: { stream: 'B', version: 1, forged: true } });
    });
    expect(named(await verify(log))).toEqual([
      'EVENT_CHANGED B@1 leaf 1',
      'BROKEN_CHAIN B@2',
      'TREE_ROOT_MISMATCH log@-',
      'NOT_CONSISTENT log@-',
    ]);

    log.store.tamper((events) => events.splice(10));
    const truncated = await verify(log, { externalCheckpoints: [{ note: latest.note, source: 'file' }] });
    expect(named(truncated).filter((f) => f.includes(' log@'))).toEqual(['LOG_TRUNCATED log@- leaf 10']);
    expect(truncated.checkpoint).toMatchObject({ treeSize: 14, source: 'file' });
  });

  it('proves a kept checkpoint against the log itself when the log was cut shorter than the latest checkpoint', async () => {
    const log = await roundRobinLog();
    const kept = (await log.writer.write())!;
    await log.store.append({
      streamId: 'A',
      events: [{ type: 'Noted', data: { stream: 'A', version: 4 } }],
      expectedVersion: 3,
      metadata: { actor: systemActor(), correlationId: 'A4', occurredAt: '2026-03-01T07:00:00.000Z' },
    });
    const latest = (await log.writer.write())!;
    const externalCheckpoints = [{ note: latest.note, source: 'file' }];
    const since = { note: kept.note, source: 'kept' };

    log.store.tamper((events) => events.splice(13));
    const cut = await verify(log, { externalCheckpoints, since });
    expect(named(cut).filter((f) => f.includes(' log@'))).toEqual(['LOG_TRUNCATED log@- leaf 13']);
    expect(cut.consistency).toMatchObject({ from: 12, to: 13, toSigned: false, ok: true });

    log.store.tamper((events) => events.splice(11));
    const belowKept = await verify(log, { externalCheckpoints, since });
    expect(named(belowKept).filter((f) => f.includes(' log@'))).toEqual([
      'LOG_TRUNCATED log@- leaf 11',
      'LOG_TRUNCATED log@- leaf 11',
    ]);
    expect(belowKept.consistency).toMatchObject({ from: 12, to: 11, ok: false });
  });
});
