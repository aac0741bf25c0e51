import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { EvidenceFinding } from '@hemotrace/event-sourcing';
import { LogTree, logKeyFiles, readKeyring, verifyLog, verifyStore } from '@hemotrace/event-sourcing';
import type { StoreLocation } from '../event-store-location';
import { openEventStore, openEventStoreWithReadModels } from '../event-store-location';
import type { StoreFlags } from '../cli-config';
import { cliConfig, locationOf, withStoreOptions } from '../cli-config';

type VerifyFlags = StoreFlags & { since?: string; keyring?: string; checkpoint?: string };

export const describeFinding = (f: EvidenceFinding): string =>
  `${f.problem} ${f.streamId ? `${f.streamId}@${f.streamVersion ?? '?'}` : 'log'}${f.eventId ? ` (event ${f.eventId})` : ''}: ${f.message}`;

/** KurrentDB keeps no read models next to its log here: its chains are checked, not the tree. */
const verifyChainsOnly = async (location: StoreLocation): Promise<void> => {
  const opened = await openEventStore(location);
  try {
    const report = await verifyStore(opened.store);
    for (const f of report.findings)
      console.error(`${f.problem} ${f.streamId}@${f.streamVersion} (event ${f.eventId}): ${f.message}`);
    console.log(
      `${opened.describe}: ${report.eventsChecked} events in ${report.streamsChecked} streams checked, ${report.findings.length} findings; hash chains only (the log tree lives with the server's read models)`,
    );
    if (!report.ok) process.exitCode = 1;
  } finally {
    await opened.close();
  }
};

/**
 * Re-computes every hash and link, checks the log against its Merkle tree and the latest signed
 * checkpoint, and with --since proves the log only grew since a kept checkpoint; exit 1 on any finding.
 */
export const registerVerify = (program: Command): void => {
  withStoreOptions(program.command('verify'))
    .description('verify every stream, the log tree and the latest signed checkpoint')
    .option('--since <file>', 'a signed checkpoint kept earlier: prove the log only grew since')
    .option(
      '--keyring <file>',
      'verifier keys, one per line (default HEMOTRACE_LOG_KEYRING_FILE or <data dir>/log-keyring.txt)',
    )
    .option(
      '--checkpoint <file>',
      'the checkpoint file the server writes (default HEMOTRACE_CHECKPOINT_FILE or <data dir>/checkpoint.txt)',
    )
    .action(async (flags: VerifyFlags) => {
      const config = cliConfig(flags);
      const { dataDir, settings } = config;
      const keyring = flags.keyring ?? logKeyFiles(config.env, dataDir).keyringFile;
      const checkpointFile =
        flags.checkpoint ?? settings.HEMOTRACE_CHECKPOINT_FILE ?? join(dataDir, 'checkpoint.txt');
      const location = locationOf(config);
      if (location.kind === 'kurrentdb') return verifyChainsOnly(location);
      const opened = await openEventStoreWithReadModels(location);
      try {
        const report = await verifyLog(opened.store, new LogTree(opened.store, opened.readModels), {
          verifiers: readKeyring(keyring),
          origin: settings.HEMOTRACE_LOG_ORIGIN,
          externalCheckpoints: existsSync(checkpointFile)
            ? [{ note: readFileSync(checkpointFile, 'utf8'), source: checkpointFile }]
            : [],
          since: flags.since ? { note: readFileSync(flags.since, 'utf8'), source: flags.since } : undefined,
        });
        for (const finding of report.findings) console.error(describeFinding(finding));
        const against = report.checkpoint
          ? `against the checkpoint of ${report.checkpoint.treeSize} events signed ${report.checkpoint.time} by ${report.checkpoint.keyName}+${report.checkpoint.keyId}`
          : 'no signed checkpoint found';
        console.log(
          `${opened.describe}: ${report.eventsChecked} events in ${report.streamsChecked} streams checked, ${report.findings.length} findings; log tree of ${report.treeSize} leaves, ${against}`,
        );
        if (report.consistency)
          console.log(
            `consistency ${report.consistency.from} -> ${report.consistency.to}${report.consistency.toSigned ? ' (signed)' : ''}: ${report.consistency.ok ? 'the log only grew' : 'NOT CONSISTENT'} (${report.consistency.proof.length} proof hashes)`,
          );
        if (!report.ok) process.exitCode = 1;
      } finally {
        await opened.close();
      }
    });
};
