import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CheckpointWriter, loadLogKeys, logKeyFiles, LogTree } from '@hemotrace/event-sourcing';
import { locate, openEventStoreWithReadModels, parseStoreKind } from '../event-store-location';

interface CheckpointFlags {
  store?: string;
  url?: string;
  dir?: string;
  out?: string;
}

/**
 * Signs a checkpoint of the log now, like the server's admin endpoint: the tree takes in every
 * event so far (its writes are idempotent, so a running server's follower is not disturbed).
 */
export const registerCheckpoint = (program: Command): void => {
  program
    .command('checkpoint')
    .description('sign a checkpoint of the log now (C2SP tlog-checkpoint) and print it')
    .option('--store <store>', 'sqlite | postgres (default HEMOTRACE_STORE or sqlite)')
    .option('--url <url>', 'PostgreSQL URL')
    .option('--dir <dir>', 'data directory (SQLite store, keys, checkpoint file)')
    .option(
      '--out <file>',
      'where to write it (default HEMOTRACE_CHECKPOINT_FILE or <data dir>/checkpoint.txt)',
    )
    .action(async (flags: CheckpointFlags) => {
      const kind = parseStoreKind(flags.store ?? process.env.HEMOTRACE_STORE ?? 'sqlite');
      const dataDir = resolve(flags.dir ?? process.env.HEMOTRACE_DATA_DIR ?? './data');
      const origin = process.env.HEMOTRACE_LOG_ORIGIN || 'hemotrace.local/log';
      const keys = loadLogKeys(logKeyFiles(process.env, dataDir), {
        name: process.env.HEMOTRACE_LOG_KEY_NAME || origin,
        allowGenerate: !process.env.HEMOTRACE_LOG_SIGNING_KEY_FILE,
      });
      const opened = await openEventStoreWithReadModels(locate(kind, { url: flags.url, dir: flags.dir }));
      try {
        const tree = new LogTree(opened.store, opened.readModels);
        await tree.ensureIndexes();
        const writer = new CheckpointWriter(opened.store, tree, keys.signer, {
          origin,
          file: flags.out ?? (process.env.HEMOTRACE_CHECKPOINT_FILE || join(dataDir, 'checkpoint.txt')),
          now: () => new Date().toISOString(),
        });
        const signed = await writer.write();
        console.log(signed!.note.trimEnd());
      } finally {
        await opened.close();
      }
    });
};
