import { Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import type { Filter } from '@hemotrace/event-sourcing';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../../contracts/components.contracts';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitQueries } from '../../read-models/unit.queries';
import type { UnitView } from '../../read-models/units.projection';

/** A unit expires once: every sweep (endpoint, timer, any process) sends the same commandId, so the store records one UnitExpired. */
export const expiryCommandId = (unitId: string): string => `expiry:${unitId}`;

export interface ExpiryRun {
  now: string;
  /** Only this site's units; every site when absent. */
  siteId?: string;
  context: (unit: UnitView) => Omit<CommandContext, 'commandId' | 'now'>;
  /** When given, a unit that fails is reported here and the sweep goes on; otherwise the error ends the sweep. */
  onFailure?: (unitId: string, error: unknown) => void;
}

/** Records UnitExpired for every unit still in stock whose expiry has passed. */
@Injectable()
export class UnitExpiry {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
  ) {}

  async expireDue(run: ExpiryRun): Promise<string[]> {
    const filter: Filter = { status: { $in: ['Quarantined', 'Released'] }, expiresAt: { $lte: run.now } };
    if (run.siteId) filter.siteId = run.siteId;
    const due = await this.units.find(filter);
    const expired: string[] = [];
    for (const unit of due) {
      try {
        await this.executor.execute(
          unitDecider,
          unitStreamId(unit.unitId),
          { type: 'ExpireUnit', at: run.now },
          { ...run.context(unit), commandId: expiryCommandId(unit.unitId), now: run.now },
        );
        expired.push(unit.unitId);
      } catch (error) {
        if (!run.onFailure) throw error;
        run.onFailure(unit.unitId, error);
      }
    }
    return expired;
  }
}
