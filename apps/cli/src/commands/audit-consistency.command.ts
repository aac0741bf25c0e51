import type { Command } from 'commander';
import type { EventStore, LogCheckpoint } from '@hemotrace/event-sourcing';
import { LOG_START } from '@hemotrace/event-sourcing';
import type { ConsistencyFinding } from '@hemotrace/traceability';
import { ConsistencyAudit, CONSISTENCY_RULES } from '@hemotrace/traceability';
import { locate, openEventStore, parseStoreKind } from '../event-store-location';

interface AuditFlags {
  store?: string;
  url?: string;
  dir?: string;
}

export interface AuditReport {
  eventsChecked: number;
  findings: readonly ConsistencyFinding[];
}

/** Reads the whole global log once, in order, through the audit. */
export const auditStore = async (store: EventStore, batchSize = 5000): Promise<AuditReport> => {
  const audit = new ConsistencyAudit();
  let checkpoint: LogCheckpoint = LOG_START;
  let eventsChecked = 0;
  for (;;) {
    const batch = await store.readAll(checkpoint, batchSize);
    for (const event of batch.events) audit.observe(event);
    eventsChecked += batch.events.length;
    if (batch.events.length === 0 || batch.checkpoint === checkpoint) break;
    checkpoint = batch.checkpoint;
  }
  return { eventsChecked, findings: audit.findings };
};

/**
 * Proves the record tells one story per unit: no fact recorded twice, nothing after a terminal
 * state, never in two places at once. Exit code 1 when anything is found.
 */
export const registerAuditConsistency = (program: Command): void => {
  program
    .command('audit-consistency')
    .description(
      'check the whole log: no duplicated fact, no change after transfused/wasted/discarded/expired, no unit in two places',
    )
    .option('--store <store>', 'sqlite | postgres | kurrentdb (default HEMOTRACE_STORE or sqlite)')
    .option('--url <url>', 'PostgreSQL URL or KurrentDB connection string')
    .option('--dir <dir>', 'SQLite data directory')
    .action(async (flags: AuditFlags) => {
      const kind = parseStoreKind(flags.store ?? process.env.HEMOTRACE_STORE ?? 'sqlite');
      const opened = await openEventStore(locate(kind, { url: flags.url, dir: flags.dir }));
      try {
        const report = await auditStore(opened.store);
        for (const f of report.findings) {
          console.error(
            `${f.rule} ${f.unitId}: ${f.message} (events ${f.eventIds.join(', ')} at ${f.positions.join(', ')}) - ${CONSISTENCY_RULES[f.rule]}`,
          );
        }
        console.log(
          `${opened.describe}: ${report.eventsChecked} events audited, ${report.findings.length} findings`,
        );
        if (report.findings.length > 0) process.exitCode = 1;
      } finally {
        await opened.close();
      }
    });
};
