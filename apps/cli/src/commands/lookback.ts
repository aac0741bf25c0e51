import type { Command } from 'commander';
import { ImpactQueries, InvestigationQueries } from '@hemotrace/traceability';
import { investigationProfile } from '@hemotrace/traceability/contracts';
import { systemActor } from '@hemotrace/kernel';
import { openTraceability } from './trace';
import type { StoreFlags } from '../cli-config';
import { cliConfig, withStoreOptions } from '../cli-config';

export const registerLookback = (program: Command): void => {
  withStoreOptions(program.command('lookback'))
    .description(
      "what a donor lookback reaches (window, donations, units, consignees) and the donor's investigations",
    )
    .argument('<donorId>')
    .option(
      '--din <din>',
      'the positive donation (default: the latest confirmed-positive or latest donation)',
    )
    .option('--json', 'print JSON')
    .action(async (donorId: string, flags: StoreFlags & { din?: string; json?: boolean }) => {
      const opened = await openTraceability(cliConfig(flags));
      try {
        const impact = await new ImpactQueries(opened.readModels).lookback(
          investigationProfile(opened.profile),
          donorId,
          flags.din,
        );
        const investigations = await new InvestigationQueries(opened.readModels, opened.store).list(
          { donorId, now: new Date().toISOString() },
          systemActor(),
        );
        if (flags.json) {
          console.log(JSON.stringify({ impact, investigations }, null, 2));
          return;
        }
        console.log(
          `lookback of ${donorId} (profile ${opened.profile}), positive donation ${impact.positiveDin}${impact.marker ? ` (${impact.marker})` : ''}`,
        );
        console.log(`  window:     ${impact.window.from} .. ${impact.window.to} (${impact.window.basis})`);
        console.log(`  donations:  ${impact.donations.join(', ') || '-'}`);
        for (const u of impact.units) {
          console.log(
            `  unit ${u.unitId.padEnd(24)} ${String(u.status ?? '').padEnd(12)} at ${u.custodianSiteId ?? '-'} (${u.custodianType ?? '-'})`,
          );
        }
        for (const c of impact.consignees) console.log(`  notify ${c.siteId}: ${c.unitIds.join(', ')}`);
        for (const r of impact.recipients) console.log(`  recipient of ${r.unitId}: ${r.patientId}`);
        for (const i of investigations) {
          const overdue = i.nextDueBy && i.nextDueBy < new Date().toISOString() ? ' OVERDUE' : '';
          console.log(`  investigation ${i.id} ${i.status}, next deadline ${i.nextDueBy ?? '-'}${overdue}`);
        }
      } finally {
        await opened.close();
      }
    });
};
