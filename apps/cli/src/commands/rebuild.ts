import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { resolve } from 'node:path';
import { guardRebuild } from './rebuild-guard';
import { openTraceability } from './trace';

export const registerRebuild = (program: Command): void => {
  program
    .command('rebuild')
    .description(
      'clear a read model and replay the whole log into it (all traceability projections by default)',
    )
    .argument('[projection]', 'e.g. traceability.lineage.v2')
    .option('--dir <dir>', 'SQLite data directory (default HEMOTRACE_DATA_DIR or ./data)')
    .option(
      '--accept-damage',
      'rebuild although verification finds damage (recorded in the log with --reason)',
    )
    .option('--reason <why>', 'why the damage is accepted')
    .action(
      async (
        projection: string | undefined,
        flags: { dir?: string; acceptDamage?: boolean; reason?: string },
      ) => {
        const opened = await openTraceability(flags.dir, false);
        try {
          const names = projection ? [projection] : opened.runner.names;
          const unknown = names.filter((n) => !opened.runner.names.includes(n));
          if (unknown.length)
            throw new Error(
              `Unknown projection ${unknown.join(', ')}; known: ${opened.runner.names.join(', ')}`,
            );
          const dataDir = resolve(flags.dir ?? process.env.HEMOTRACE_DATA_DIR ?? './data');
          const verdict = await guardRebuild(opened.store, opened.readModels, dataDir, names, flags);
          if (!verdict.ok)
            console.error(
              `Rebuilding despite ${verdict.findings.length} findings in ${verdict.damagedStreams.join(', ') || 'the log'}: accepted and recorded`,
            );
          const total =
            opened.store.db
              .prepare<[], { n: number }>('SELECT coalesce(max(global_position), 0) AS n FROM events')
              .get()?.n ?? 0;
          for (const name of names) {
            const bar = new SingleBar(
              {
                format: `${name.padEnd(32)} [{bar}] {percentage}% {value}/{total} events {rate}/s`,
                hideCursor: true,
              },
              Presets.shades_classic,
            );
            const started = Date.now();
            bar.start(total, 0, { rate: 0 });
            const count = await opened.runner.rebuild(name, (n) =>
              bar.update(n, { rate: Math.round(n / Math.max(0.001, (Date.now() - started) / 1000)) }),
            );
            bar.update(count, { rate: Math.round(count / Math.max(0.001, (Date.now() - started) / 1000)) });
            bar.stop();
            const seconds = (Date.now() - started) / 1000;
            console.log(
              `${name}: ${count} events in ${seconds.toFixed(1)} s (${Math.round(count / Math.max(0.001, seconds))} events/s)`,
            );
          }
        } finally {
          await opened.close();
        }
      },
    );
};
