import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { LOG_START } from '@hemotrace/event-sourcing';
import { DemoDataGenerator } from '../demo/demo-data.generator';
import { loadDemo } from '../demo/demo-loader';
import type { StoreFlags } from '../cli-config';
import { cliConfig, locationOf, withStoreOptions } from '../cli-config';
import { openEventStore } from '../event-store-location';

export const registerDemo = (program: Command): void => {
  withStoreOptions(program.command('demo'))
    .description(
      'load a generated, realistic dataset (donors, donations, tests, components, pools, transfers, hospitals, transfusions, one seroconversion) through the event store',
    )
    .option('--donations <n>', 'donations to generate', '2000')
    .option('--seed <n>', 'random seed (same seed, same data)', '20260101')
    .action(async (flags: StoreFlags & { donations: string; seed: string }) => {
      const config = cliConfig(flags);
      /* The demo runs the server's reactors on a simulated clock, which the store must take as its record time. */
      if (config.store !== 'sqlite' && config.store !== 'postgres')
        throw new Error(
          `demo loads into SQLite or PostgreSQL, not HEMOTRACE_STORE=${config.store}; move it there with \`hemotrace copy --from sqlite --to ${config.store}\``,
        );
      const donations = Number(flags.donations);
      if (!Number.isInteger(donations) || donations < 10)
        throw new Error('--donations must be a whole number of at least 10');
      const dir = config.dataDir;
      mkdirSync(dir, { recursive: true });
      const existing = await openEventStore(locationOf(config));
      const where = existing.describe;
      try {
        if ((await existing.store.readAll(LOG_START, 1)).events.length > 0) {
          throw new Error(`${existing.describe} already holds events; use an empty store for the demo`);
        }
      } finally {
        await existing.close();
      }
      const generator = new DemoDataGenerator({ donations, seed: Number(flags.seed) });
      const bar = new SingleBar(
        { format: 'demo [{bar}] {value} events', hideCursor: true },
        Presets.shades_classic,
      );
      bar.start(donations * 42, 0);
      /* recordedAt follows the simulated timeline, so as-of views of the demo make sense. */
      const loaded = await loadDemo(
        { dir, ...(config.store === 'postgres' ? { databaseUrl: config.databaseUrl } : {}) },
        generator.events(),
        (n) => bar.update(n),
      );
      bar.setTotal(loaded.planned);
      bar.stop();
      const s = generator.summary;
      console.log(
        `\n${loaded.events} events (${loaded.planned} recorded facts, the rest live reactions and expiries) for ${s.donations} donations from ${s.donors} donors in ${where}`,
      );
      console.log('try:');
      if (s.sampleUnitId) console.log(`  hemotrace trace ${s.sampleUnitId}`);
      if (s.samplePooledUnitId) console.log(`  hemotrace trace ${s.samplePooledUnitId}`);
      if (s.seroconvertedDonorId) console.log(`  hemotrace lookback ${s.seroconvertedDonorId}`);
      console.log('  npm start');
    });
};
