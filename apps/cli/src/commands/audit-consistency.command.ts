import type { Command } from 'commander';
import type { EventStore, LogCheckpoint } from '@hemotrace/event-sourcing';
import { LOG_START } from '@hemotrace/event-sourcing';
import type { ConsistencyFinding } from '@hemotrace/traceability/tooling';
import { ConsistencyAudit, CONSISTENCY_RULES } from '@hemotrace/traceability/tooling';
import type { StoreFlags } from '../cli-config';
import { cliConfig, locationOf, withStoreOptions } from '../cli-config';
import { openEventStore } from '../event-store-location';

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
  withStoreOptions(program.command('audit-consistency'))
    .description(
      'check the whole log: no duplicated fact, no change after transfused/wasted/discarded/expired, no unit in two places',
    )
    .action(async (flags: StoreFlags) => {
      const opened = await openEventStore(locationOf(cliConfig(flags)));
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
