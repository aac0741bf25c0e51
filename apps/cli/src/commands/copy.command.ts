import { createHash } from 'node:crypto';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { EventStore, IntegrityReport, LogCheckpoint, RecordedEvent } from '@hemotrace/event-sourcing';
import { LOG_START, verifyStore } from '@hemotrace/event-sourcing';
import { locate, openEventStore, parseStoreKind } from '../event-store-location';

export interface LogDigest {
  events: number;
  /** SHA-256 over the event ids in log order: equal digests mean the same events in the same order. */
  order: string;
  /** Last hash of every stream. */
  heads: Map<string, string>;
}

export interface CopyReport {
  source: LogDigest;
  target: LogDigest;
  targetIntegrity: IntegrityReport;
  problems: string[];
}

const follow = async (
  store: EventStore,
  batchSize: number,
  onBatch: (events: RecordedEvent[]) => Promise<void>,
): Promise<void> => {
  let checkpoint: LogCheckpoint = LOG_START;
  for (;;) {
    const batch = await store.readAll(checkpoint, batchSize);
    if (batch.events.length === 0) return;
    await onBatch(batch.events);
    checkpoint = batch.checkpoint;
  }
};

export const digestLog = async (store: EventStore, batchSize = 1000): Promise<LogDigest> => {
  const order = createHash('sha256');
  const heads = new Map<string, string>();
  let events = 0;
  await follow(store, batchSize, async (batch) => {
    for (const event of batch) {
      order.update(`${event.eventId}\n`);
      heads.set(event.streamId, event.hash);
    }
    events += batch.length;
  });
  return { events, order: order.digest('hex'), heads };
};

const compareHeads = (source: Map<string, string>, target: Map<string, string>): string[] => {
  const problems: string[] = [];
  for (const [streamId, hash] of source) {
    const copied = target.get(streamId);
    if (copied !== hash) problems.push(`stream ${streamId}: head hash ${copied ?? 'missing'} != ${hash}`);
  }
  for (const streamId of target.keys()) {
    if (!source.has(streamId)) problems.push(`stream ${streamId} exists only in the target`);
  }
  return problems;
};

/**
 * Copies the whole log, batch by batch, into an empty store, keeping ids, order, times and hashes
 * (global positions are renumbered 1..n in log order: each store numbers its own log), then
 * verifies the copy: same events in the same order, same stream heads, intact hash chains.
 */
export const copyLog = async (
  source: EventStore,
  target: EventStore,
  options: { batchSize?: number; onProgress?: (copied: number, total: number) => void } = {},
): Promise<CopyReport> => {
  const batchSize = options.batchSize ?? 1000;
  if ((await target.readAll(LOG_START, 1)).events.length > 0) {
    throw new Error('The target store already holds events; copy only into an empty store');
  }
  const total = (await digestLog(source, batchSize)).events;
  const order = createHash('sha256');
  const heads = new Map<string, string>();
  let copied = 0;
  await follow(source, batchSize, async (batch) => {
    await target.importRecorded(batch.map((event, i) => ({ ...event, globalPosition: copied + i + 1 })));
    for (const event of batch) {
      order.update(`${event.eventId}\n`);
      heads.set(event.streamId, event.hash);
    }
    copied += batch.length;
    options.onProgress?.(copied, Math.max(total, copied));
  });
  const sourceDigest: LogDigest = { events: copied, order: order.digest('hex'), heads };
  const targetDigest = await digestLog(target, batchSize);
  const targetIntegrity = await verifyStore(target, { batchSize });
  const problems: string[] = [];
  if (targetDigest.events !== sourceDigest.events) {
    problems.push(`target holds ${targetDigest.events} events, source ${sourceDigest.events}`);
  }
  if (targetDigest.order !== sourceDigest.order) problems.push('events are not in the same order');
  problems.push(...compareHeads(sourceDigest.heads, targetDigest.heads));
  if (!targetIntegrity.ok)
    problems.push(`${targetIntegrity.findings.length} integrity findings in the target`);
  return { source: sourceDigest, target: targetDigest, targetIntegrity, problems };
};

interface CopyFlags {
  from: string;
  to: string;
  fromUrl?: string;
  toUrl?: string;
  fromDir?: string;
  dir?: string;
  toDir?: string;
  batchSize: string;
}

export const registerCopy = (program: Command): void => {
  program
    .command('copy')
    .description('copy the whole event log into another (empty) store and verify the copy')
    .requiredOption('--from <store>', 'sqlite | postgres | kurrentdb')
    .requiredOption('--to <store>', 'sqlite | postgres | kurrentdb')
    .option('--from-url <url>', 'source PostgreSQL URL or KurrentDB connection string')
    .option('--to-url <url>', 'target PostgreSQL URL or KurrentDB connection string')
    .option('--from-dir <dir>', 'source SQLite data directory (default --dir, HEMOTRACE_DATA_DIR or ./data)')
    .option('--dir <dir>', 'data directory of the source, as every command takes it')
    .option('--to-dir <dir>', 'target SQLite data directory')
    .option('--batch-size <n>', 'events per batch', '1000')
    .action(async (flags: CopyFlags) => {
      const from = locate(parseStoreKind(flags.from), {
        url: flags.fromUrl,
        dir: flags.fromDir ?? flags.dir,
      });
      const to = locate(parseStoreKind(flags.to), { url: flags.toUrl, dir: flags.toDir });
      const source = await openEventStore(from);
      const target = await openEventStore(to).catch(async (error: unknown) => {
        await source.close();
        throw error;
      });
      const bar = new SingleBar(
        {
          format: 'copy [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      try {
        console.log(`copying ${source.describe} -> ${target.describe}`);
        let started = false;
        const report = await copyLog(source.store, target.store, {
          batchSize: Number(flags.batchSize),
          onProgress: (copied, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(copied);
          },
        });
        bar.stop();
        console.log(
          `copied ${report.source.events} events of ${report.source.heads.size} streams; target verified: ${report.targetIntegrity.eventsChecked} events checked`,
        );
        if (report.problems.length > 0) {
          for (const problem of report.problems) console.error(`MISMATCH ${problem}`);
          process.exitCode = 1;
        } else {
          console.log(
            `copy verified: same ${report.target.events} events, same order, same stream head hashes`,
          );
        }
      } finally {
        bar.stop();
        await source.close();
        await target.close();
      }
    });
};
