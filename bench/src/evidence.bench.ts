import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@hemotrace/event-sourcing';
import {
  CheckpointWriter,
  handleCommand,
  LOG_START,
  LogExportProver,
  LogTree,
  noteSigner,
  noteVerifierOf,
  openSqliteDatabase,
  SqliteEventStore,
  SqliteReadModelStore,
  StreamStateCache,
  verifyLog,
} from '@hemotrace/event-sourcing';
import type { BenchRow } from './bench';
import { elapsedMs, envInt, median, now, perSecond, progress, rounded } from './bench';
import { sampleTestingDecider } from './workload/sample-testing.decider';
import type { PlannedCommand } from './workload/sample-testing.workload';
import { metadataAt, singleEventPlan } from './workload/sample-testing.workload';

const GROUP = 'evidence';
const ORIGIN = 'bench.local/log';
const SLICE = 1000;

const sizes = () => ({
  commands: envInt('BENCH_EVIDENCE_COMMANDS', 10_000),
  streamLength: envInt('BENCH_STREAM_LENGTH', 10),
  checkpointMs: envInt('BENCH_CHECKPOINT_MS', 1_000),
  exportStreams: envInt('BENCH_EXPORT_STREAMS', 10),
});

const open = (dir: string, name: string) => {
  const db = openSqliteDatabase(join(dir, `${name}.db`));
  const store = new SqliteEventStore(db);
  return { store, readModels: new SqliteReadModelStore(db) };
};

const commands = async (store: EventStore, cache: StreamStateCache, plan: readonly PlannedCommand[]) => {
  const started = now();
  for (const { streamId, command, at } of plan)
    await handleCommand(store, sampleTestingDecider, streamId, command, metadataAt(at), { cache });
  return elapsedMs(started);
};

const readAllRate = async (store: EventStore): Promise<number> => {
  let checkpoint = LOG_START;
  let count = 0;
  const started = now();
  for (;;) {
    const batch = await store.readAll(checkpoint, 5000);
    if (batch.events.length === 0) break;
    count += batch.events.length;
    checkpoint = batch.checkpoint;
  }
  return perSecond(count, elapsedMs(started));
};

/**
 * The verifiable log's cost: appends with the Merkle tree follower and periodic signed checkpoints
 * running in the same process, against the same appends without them (slices interleaved so load
 * hits both alike); full verification against a raw read of the log; proof size and time per export.
 */
export const run = async (): Promise<BenchRow[]> => {
  const size = sizes();
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-bench-evidence-'));
  const plain = open(dir, 'plain');
  const evident = open(dir, 'evident');
  const signer = noteSigner(
    ORIGIN,
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  const tree = new LogTree(evident.store, evident.readModels);
  const writer = new CheckpointWriter(evident.store, tree, signer, {
    origin: ORIGIN,
    now: () => new Date().toISOString(),
  });
  try {
    await tree.follow();
    const timer = setInterval(() => void writer.write({ onlyIfGrown: true }), size.checkpointMs);
    const { plan } = singleEventPlan(0, size.commands, size.streamLength);
    const plainCache = new StreamStateCache();
    const evidentCache = new StreamStateCache();
    let plainMs = 0;
    let evidentMs = 0;
    for (let i = 0; i < plan.length; i += SLICE) {
      const slice = plan.slice(i, i + SLICE);
      plainMs += await commands(plain.store, plainCache, slice);
      evidentMs += await commands(evident.store, evidentCache, slice);
      progress(`${Math.min(plan.length, i + SLICE)}/${plan.length} commands on each store`);
    }
    const catchUpStarted = now();
    const head = await tree.catchUp();
    const lagMs = elapsedMs(catchUpStarted);
    clearInterval(timer);
    await tree.stop();
    const checkpoint = await writer.write();

    const plainRate = perSecond(plan.length, plainMs);
    const evidentRate = perSecond(plan.length, evidentMs);
    const withCatchUp = perSecond(plan.length, evidentMs + lagMs);

    const fresh = new LogTree(plain.store, plain.readModels);
    const treeStarted = now();
    const plainHead = await fresh.catchUp();
    const treeRate = perSecond(plainHead.size, elapsedMs(treeStarted));

    const readRates: number[] = [];
    const verifyRates: number[] = [];
    let verified = 0;
    for (let pass = 0; pass < 3; pass++) {
      readRates.push(await readAllRate(evident.store));
      const started = now();
      const report = await verifyLog(evident.store, tree, {
        verifiers: [noteVerifierOf(signer.name, signer.publicKey)],
        origin: ORIGIN,
        externalCheckpoints: [{ note: checkpoint!.note, source: 'bench' }],
      });
      if (!report.ok) throw new Error(`The bench log does not verify: ${report.findings[0]?.message}`);
      verified = report.eventsChecked;
      verifyRates.push(perSecond(report.eventsChecked, elapsedMs(started)));
    }

    const prover = new LogExportProver(evident.store, tree, writer, signer, ORIGIN);
    const streamIds = [...new Set(plan.map((p) => p.streamId))].slice(0, size.exportStreams);
    const exportTimes: number[] = [];
    let bytes = 0;
    let proofBytes = 0;
    let events = 0;
    for (let pass = 0; pass < 3; pass++) {
      const started = now();
      const exported = await prover.prove(
        {
          exportedAt: new Date().toISOString(),
          subject: { kind: 'bench', id: 'x' },
          asOf: null,
          lineage: {},
        },
        streamIds,
      );
      exportTimes.push(elapsedMs(started));
      bytes = JSON.stringify(exported).length;
      const proofs = exported.streams.flatMap((s) => s.events.map((e) => e.proof));
      events = proofs.length;
      proofBytes = JSON.stringify(proofs).length + JSON.stringify(exported.evidence).length;
    }
    const rate = (v: number) => rounded(v);
    return [
      { group: GROUP, name: 'appends without the log tree', value: rate(plainRate), unit: 'commands/s' },
      {
        group: GROUP,
        name: 'appends with the tree follower and checkpoints',
        value: rate(evidentRate),
        unit: 'commands/s',
        baseline: 'appends without the log tree',
        ratio: rounded(evidentRate / plainRate, 3),
        note: `same process; a checkpoint every ${size.checkpointMs} ms; tree ${head.size} leaves; goal ratio >= 0.95`,
      },
      {
        group: GROUP,
        name: 'appends with the tree, until the tree has caught up',
        value: rate(withCatchUp),
        unit: 'commands/s',
        baseline: 'appends without the log tree',
        ratio: rounded(withCatchUp / plainRate, 3),
        note: `the follower's lag at the end: ${rounded(lagMs)} ms`,
      },
      { group: GROUP, name: 'log tree built from the log', value: rate(treeRate), unit: 'leaves/s' },
      { group: GROUP, name: 'store.readAll of the log', value: rate(median(readRates)), unit: 'events/s' },
      {
        group: GROUP,
        name: 'full verification (chains, tree, checkpoint, heads)',
        value: rate(median(verifyRates)),
        unit: 'events/s',
        baseline: 'store.readAll of the log',
        ratio: rounded(median(verifyRates) / median(readRates), 3),
        note: `${verified} events`,
      },
      {
        group: GROUP,
        name: `export of ${streamIds.length} streams with proofs`,
        value: rounded(median(exportTimes), 1),
        unit: 'ms',
        note: `${events} events, ${rounded(bytes / 1024, 1)} KiB file, of which proofs and evidence ${rounded(proofBytes / 1024, 1)} KiB (${rounded(proofBytes / Math.max(1, events))} B/event)`,
      },
    ];
  } finally {
    await plain.store.close();
    await evident.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
