import type { Command } from 'commander';
import type { UnitState } from '@hemotrace/components/tooling';
import { unitStreamId } from '@hemotrace/components/contracts';
import { unitDecider } from '@hemotrace/components/tooling';
import { fold } from '@hemotrace/event-sourcing';
import { unitIdFromScan, unitLabel } from '@hemotrace/kernel';
import type { StoreFlags } from '../cli-config';
import { cliConfig, locationOf, withStoreOptions } from '../cli-config';
import { openEventStore } from '../event-store-location';

type UnitEvents = Parameters<typeof unitDecider.evolve>[1];

/** Label data from the unit's own stream, so it works on every store and needs no read model. */
export const registerLabel = (program: Command): void => {
  withStoreOptions(program.command('label'))
    .description(
      'ISBT 128 label data of a unit: DIN with flags, ABO/RhD, product code, expiry, red cell antigens when typed, eye-readable DIN',
    )
    .argument('<unitId>', 'DIN-PRODUCTCODE, or the DIN and product code barcodes as scanned')
    .option('--json', 'print JSON')
    .action(async (input: string, flags: StoreFlags & { json?: boolean }) => {
      const opened = await openEventStore(locationOf(cliConfig(flags)));
      try {
        const unitId = unitIdFromScan(input);
        const events = await opened.store.readStream(unitStreamId(unitId));
        const unit = fold<UnitEvents, UnitState>(unitDecider, events as unknown as UnitEvents[]);
        if (unit.status === 'None') throw new Error(`No unit ${unitId} in ${opened.describe}`);
        const label = unitLabel({
          din: unit.din,
          productCode: unit.productCode,
          bloodGroup: unit.bloodGroup,
          expiresAt: unit.expiresAt,
          phenotype: unit.phenotype,
        });
        if (flags.json) {
          console.log(JSON.stringify({ unitId, ...label }, null, 2));
          return;
        }
        console.log(`${label.eyeReadableDin}   ${label.productCode}   expires ${label.expiresAt}`);
        for (const s of label.dataStructures) console.log(`  ${s.number}  ${s.data.padEnd(18)} ${s.name}`);
      } finally {
        await opened.close();
      }
    });
};
