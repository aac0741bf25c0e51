import { join } from 'node:path';
import type { Command } from 'commander';
import { CheckpointWriter, loadLogKeys, logKeyFiles, LogTree } from '@hemotrace/event-sourcing';
import type { StoreFlags } from '../cli-config';
import { cliConfig, locationOf, withStoreOptions } from '../cli-config';
import { openEventStoreWithReadModels } from '../event-store-location';

type CheckpointFlags = StoreFlags & { out?: string };

/**
 * Signs a checkpoint of the log now, like the server's admin endpoint: the tree takes in every
 * event so far (its writes are idempotent, so a running server's follower is not disturbed).
 */
export const registerCheckpoint = (program: Command): void => {
  withStoreOptions(program.command('checkpoint'))
    .description('sign a checkpoint of the log now (C2SP tlog-checkpoint) and print it')
    .option(
      '--out <file>',
      'where to write it (default HEMOTRACE_CHECKPOINT_FILE or <data dir>/checkpoint.txt)',
    )
    .action(async (flags: CheckpointFlags) => {
      const config = cliConfig(flags);
      const { dataDir, settings } = config;
      const origin = settings.HEMOTRACE_LOG_ORIGIN;
      const keys = loadLogKeys(logKeyFiles(config.env, dataDir), {
        name: settings.HEMOTRACE_LOG_KEY_NAME ?? origin,
        allowGenerate: !settings.HEMOTRACE_LOG_SIGNING_KEY_FILE,
      });
      const opened = await openEventStoreWithReadModels(locationOf(config));
      try {
        const tree = new LogTree(opened.store, opened.readModels);
        await tree.ensureIndexes();
        const writer = new CheckpointWriter(opened.store, tree, keys.signer, {
          origin,
          file: flags.out ?? settings.HEMOTRACE_CHECKPOINT_FILE ?? join(dataDir, 'checkpoint.txt'),
          now: () => new Date().toISOString(),
        });
        const signed = await writer.write();
        console.log(signed!.note.trimEnd());
      } finally {
        await opened.close();
      }
    });
};
