import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import { onStream } from '@hemotrace/event-sourcing';
import { CommandExecutor, REGULATORY_PROFILE } from '@hemotrace/platform';
import type { PreparationMethod } from '../../contracts/components.contracts';
import { unitStreamId } from '../../contracts/components.contracts';
import { catalogFor } from '../../domain/catalog/product-catalog';
import type { ProcessingContext } from '../../domain/unit/processing.rules';
import type { PrepareUnit } from '../../domain/unit/unit.decide';
import { unitDecider } from '../../domain/unit/unit.decide';
import { UnitNotFound } from '../../domain/unit/unit.errors';
import { unitMayBeProcessed } from '../../domain/unit/unit.rules';
import type { Unit } from '../../domain/unit/unit.state';
import type { UnitView } from '../../read-models/units.projection';
import { UnitQueries } from '../../read-models/unit.queries';

/**
 * Divisions, pools and modifications: every parent is checked, then the new units and every
 * parent's consumption are written in one atomic multi-stream append, each parent at the version it
 * was decided on. A rule broken by any parent, or a parent changed meanwhile, writes nothing.
 */
@Injectable()
export class UnitProcessing {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  async parents(unitIds: string[], ctx: CommandContext): Promise<Unit[]> {
    const parents: Unit[] = [];
    for (const id of unitIds) {
      const { state } = await this.executor.load(unitDecider, unitStreamId(id));
      if (state.status === 'None') throw new UnitNotFound(id);
      parents.push(unitMayBeProcessed(state, ctx.actor.siteId, ctx.now));
    }
    return parents;
  }

  context(equipmentId: string, ctx: CommandContext): ProcessingContext {
    return { catalog: catalogFor(this.profile), siteId: ctx.actor.siteId, equipmentId, at: ctx.now };
  }

  async record(
    parents: Unit[],
    children: PrepareUnit[],
    method: PreparationMethod,
    ctx: CommandContext,
  ): Promise<UnitView[]> {
    await this.executor.executeMany(
      [
        ...children.map((child) => onStream(unitDecider, unitStreamId(child.unitId), child)),
        ...parents.map((parent) =>
          onStream(unitDecider, unitStreamId(parent.unitId), {
            type: 'ConsumeUnit',
            intoUnitIds: children.map((c) => c.unitId),
            method,
            at: ctx.now,
          }),
        ),
      ],
      ctx,
    );
    return Promise.all(children.map((c) => this.units.get(c.unitId)));
  }
}
