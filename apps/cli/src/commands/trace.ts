import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { EventStore, ReadModelStore } from '@hemotrace/event-sourcing';
import type { Trace } from '@hemotrace/traceability';
import { InProcessBus } from '@hemotrace/messaging';
import { TraceQueries } from '@hemotrace/traceability';
import { traceabilityContractProjections, traceabilityProjections } from '@hemotrace/traceability/tooling';
import {
  openSqliteDatabase,
  ProjectionRunner,
  SqliteEventStore,
  SqliteReadModelStore,
  withUpcasting,
} from '@hemotrace/event-sourcing';
import type { HemotraceConfig } from '@hemotrace/platform';
import { openStores } from '@hemotrace/platform';
import { cliConfig, withStoreOptions } from '../cli-config';
import { publishedContracts } from '../published-contracts';
import type { StoreFlags } from '../cli-config';

export interface TraceabilityStores {
  store: EventStore;
  readModels: ReadModelStore;
  runner: ProjectionRunner;
  profile: string;
  describe: string;
  close(): Promise<void>;
}

const openConfigured = async (
  config: HemotraceConfig,
): Promise<{
  store: EventStore;
  readModels: ReadModelStore;
  describe: string;
  analyze?: () => void;
  close(): Promise<void>;
}> => {
  if (config.store === 'sqlite') {
    const file = join(config.dataDir, 'hemotrace.db');
    if (!existsSync(file))
      throw new Error(`No store at ${file} (run \`hemotrace demo\` or start the server first)`);
    const db = openSqliteDatabase(file);
    const store = new SqliteEventStore(db);
    return {
      store: withUpcasting(store),
      readModels: new SqliteReadModelStore(db),
      describe: `sqlite ${file}`,
      /* Without statistics SQLite prefers the (collection, id) key prefix to the expression indexes. */
      analyze: () => db.exec('ANALYZE read_models'),
      close: () => store.close(),
    };
  }
  if (config.store === 'memory')
    throw new Error('The CLI works on a durable store, not HEMOTRACE_STORE=memory');
  const stores = await openStores(config);
  return {
    store: stores.events,
    readModels: stores.readModels,
    describe: config.store,
    close: () => stores.close(),
  };
};

/**
 * The traceability read models of the configured store (the server's HEMOTRACE_STORE and friends,
 * or --dir/--store/--url), caught up with its log: the same documents and checkpoints the server
 * keeps, so only what is new is folded. No reactor runs.
 */
export const openTraceability = async (
  config: HemotraceConfig,
  catchUp = true,
): Promise<TraceabilityStores> => {
  const opened = await openConfigured(config);
  const runner = new ProjectionRunner(opened.store, opened.readModels, { batchSize: 5000 });
  const profile = config.regulatoryProfile;
  for (const projection of traceabilityProjections()) runner.addProjection(projection);
  const bus = new InProcessBus(runner, publishedContracts());
  for (const projection of traceabilityContractProjections(profile)) bus.project(projection);
  if (catchUp) {
    try {
      await runner.start();
      await runner.catchUp();
      await runner.stop();
      opened.analyze?.();
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return { ...opened, runner, profile };
};

const DIN = /^[A-NP-Z1-9]\d{12}$/;

const printTrace = (trace: Trace): void => {
  const l = trace.lineage;
  console.log(`${trace.subject.kind} ${trace.subject.id}${trace.asOf ? ` as of ${trace.asOf}` : ''}`);
  console.log(`  donors:     ${l.donors.join(', ') || '-'}`);
  console.log(`  donations:  ${l.donations.join(', ') || '-'}`);
  console.log(`  units:      ${l.units.join(', ') || '-'}`);
  console.log(`  shipments:  ${l.shipments.join(', ') || '-'}`);
  console.log(`  consignees: ${l.consignees.join(', ') || '-'}`);
  console.log(`  patients:   ${l.patients.join(', ') || '-'}`);
  console.log('');
  for (const e of trace.events) {
    console.log(
      `${e.occurredAt}  ${e.type.padEnd(32)} ${`${e.streamId}@${e.streamVersion}`.padEnd(48)} ${e.who.userId}@${e.where}  ${e.hash.slice(0, 12)}`,
    );
  }
  const i = trace.integrity;
  console.log(
    `\nintegrity: ${i.ok ? 'OK' : 'ALTERED'} (${i.eventsChecked} events in ${i.streamsChecked} streams)`,
  );
  for (const f of i.findings) console.log(`  ${f.problem} ${f.streamId}@${f.streamVersion}: ${f.message}`);
};

export const registerTrace = (program: Command): void => {
  withStoreOptions(program.command('trace'))
    .description('vein-to-vein trace of a unit (DIN-PRODUCTCODE) or a donation (DIN), from the read models')
    .argument('<id>', 'a unit id such as G123425000001-E0398V00, or a DIN')
    .option('--as-of <instant>', 'only what was recorded up to this ISO instant')
    .option('--json', 'print the trace as JSON')
    .action(async (id: string, flags: StoreFlags & { asOf?: string; json?: boolean }) => {
      const opened = await openTraceability(cliConfig(flags));
      try {
        const queries = new TraceQueries(opened.readModels, opened.store);
        const trace = DIN.test(id)
          ? await queries.donation(id, flags.asOf)
          : await queries.unit(id, flags.asOf);
        if (flags.json) console.log(JSON.stringify(trace, null, 2));
        else printTrace(trace);
        if (!trace.integrity.ok) process.exitCode = 1;
      } finally {
        await opened.close();
      }
    });
};
