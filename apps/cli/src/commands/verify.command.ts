import type { Command } from 'commander';
import { verifyStore } from '@hemotrace/event-sourcing';
import { locate, openEventStore, parseStoreKind } from '../event-store-location';

interface VerifyFlags {
  store?: string;
  url?: string;
  dir?: string;
}

/** Re-computes every hash and link of the configured store; exit code 1 when anything is wrong. */
export const registerVerify = (program: Command): void => {
  program
    .command('verify')
    .description('verify the hash chain of every stream in the event store')
    .option('--store <store>', 'sqlite | postgres | kurrentdb (default HEMOTRACE_STORE or sqlite)')
    .option('--url <url>', 'PostgreSQL URL or KurrentDB connection string')
    .option('--dir <dir>', 'SQLite data directory')
    .action(async (flags: VerifyFlags) => {
      const kind = parseStoreKind(flags.store ?? process.env.HEMOTRACE_STORE ?? 'sqlite');
      const opened = await openEventStore(locate(kind, { url: flags.url, dir: flags.dir }));
      try {
        const report = await verifyStore(opened.store);
        for (const finding of report.findings) {
          console.error(
            `${finding.problem} ${finding.streamId}@${finding.streamVersion} (event ${finding.eventId}): ${finding.message}`,
          );
        }
        console.log(
          `${opened.describe}: ${report.eventsChecked} events in ${report.streamsChecked} streams checked, ${report.findings.length} findings`,
        );
        if (!report.ok) process.exitCode = 1;
      } finally {
        await opened.close();
      }
    });
};
