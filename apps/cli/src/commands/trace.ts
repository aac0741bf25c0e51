import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Trace } from '@hemotrace/traceability';
import { TraceQueries, traceabilityProjections } from '@hemotrace/traceability';
import {
  openSqliteDatabase,
  ProjectionRunner,
  SqliteEventStore,
  SqliteReadModelStore,
} from '@hemotrace/event-sourcing';

export interface TraceabilityStores {
  store: SqliteEventStore;
  readModels: SqliteReadModelStore;
  runner: ProjectionRunner;
  profile: string;
  close(): Promise<void>;
}

/**
 * The traceability read models of a SQLite data directory, caught up with its log (the same
 * documents and checkpoints the server keeps, so only what is new is folded). No reactor runs.
 */
export const openTraceability = async (dir?: string, catchUp = true): Promise<TraceabilityStores> => {
  const dataDir = resolve(dir ?? process.env.HEMOTRACE_DATA_DIR ?? './data');
  const file = join(dataDir, 'hemotrace.db');
  if (!existsSync(file))
    throw new Error(`No store at ${file} (run \`hemotrace demo\` or start the server first)`);
  const db = openSqliteDatabase(file);
  const store = new SqliteEventStore(db);
  const readModels = new SqliteReadModelStore(db);
  const runner = new ProjectionRunner(store, readModels, { batchSize: 5000 });
  const profile = process.env.HEMOTRACE_PROFILE ?? 'CN-2019';
  for (const projection of traceabilityProjections(profile)) runner.addProjection(projection);
  if (catchUp) {
    await runner.start();
    await runner.catchUp();
    await runner.stop();
    /* Without statistics SQLite prefers the (collection, id) key prefix to the expression indexes. */
    db.exec('ANALYZE read_models');
  }
  return { store, readModels, runner, profile, close: () => store.close() };
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
  program
    .command('trace')
    .description('vein-to-vein trace of a unit (DIN-PRODUCTCODE) or a donation (DIN), from the read models')
    .argument('<id>', 'a unit id such as G123425000001-E0398V00, or a DIN')
    .option('--as-of <instant>', 'only what was recorded up to this ISO instant')
    .option('--dir <dir>', 'SQLite data directory (default HEMOTRACE_DATA_DIR or ./data)')
    .option('--json', 'print the trace as JSON')
    .action(async (id: string, flags: { asOf?: string; dir?: string; json?: boolean }) => {
      const opened = await openTraceability(flags.dir);
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
