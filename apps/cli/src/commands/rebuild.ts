import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import type { StoreFlags } from '../cli-config';
import { cliConfig, withStoreOptions } from '../cli-config';
import { guardRebuild } from './rebuild-guard';
import { openTraceability } from './trace';

type RebuildFlags = StoreFlags & { acceptDamage?: boolean; reason?: string };

export const registerRebuild = (program: Command): void => {
  withStoreOptions(program.command('rebuild'))
    .description(
      'clear a read model and replay the whole log into it (all traceability projections by default)',
    )
    .argument('[projection]', 'e.g. traceability.lineage-streams.v3 or bus:traceability.lineage-graph.v3')
    .option(
      '--accept-damage',
      'rebuild although verification finds damage (recorded in the log with --reason)',
    )
    .option('--reason <why>', 'why the damage is accepted')
    .action(async (projection: string | undefined, flags: RebuildFlags) => {
      const config = cliConfig(flags);
      const opened = await openTraceability(config, false);
      try {
        const names = projection ? [projection] : opened.runner.names;
        const unknown = names.filter((n) => !opened.runner.names.includes(n));
        if (unknown.length)
          throw new Error(
            `Unknown projection ${unknown.join(', ')}; known: ${opened.runner.names.join(', ')}`,
          );
        const verdict = await guardRebuild(opened.store, opened.readModels, config, names, flags);
        if (!verdict.ok)
          console.error(
            `Rebuilding despite ${verdict.findings.length} findings in ${verdict.damagedStreams.join(', ') || 'the log'}: accepted and recorded`,
          );
        const total = verdict.eventsChecked;
        /* One pass over the log for all of them: each batch is read once and handed to each by type. */
        const label = names.length === 1 ? names[0] : `${names.length} projections`;
        const bar = new SingleBar(
          {
            format: `${label.padEnd(32)} [{bar}] {percentage}% {value}/{total} events {rate}/s`,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        const started = Date.now();
        const rate = (n: number) => Math.round(n / Math.max(0.001, (Date.now() - started) / 1000));
        bar.start(total, 0, { rate: 0 });
        const count = await opened.runner.rebuildAll(names, (n) => {
          if (n > bar.getTotal()) bar.setTotal(n);
          bar.update(n, { rate: rate(n) });
        });
        bar.update(count, { rate: rate(count) });
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        for (const name of names)
          console.log(`${name}: ${count} events in ${seconds.toFixed(1)} s (${rate(count)} events/s)`);
      } finally {
        await opened.close();
      }
    });
};
