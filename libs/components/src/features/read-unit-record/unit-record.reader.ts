import { Injectable } from '@nestjs/common';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../../contracts/components.contracts';
import type { ProductCategory } from '../../domain/catalog/product-catalog';
import { CATEGORY_BY_TYPE } from '../../domain/catalog/product-catalog';
import type { CustodianType, UnitStatus } from '../../domain/unit/unit.event-data';
import { UnitNotFound } from '../../domain/unit/unit.errors';
import { evolveUnit, initialUnitState } from '../../domain/unit/unit.state';

/** What another context may ask of a unit before it acts on it (distribution packs and dispatches). */
export interface UnitRecord {
  unitId: string;
  productCode: string;
  productType: string;
  category: ProductCategory;
  status: UnitStatus;
  expiresAt: string;
  siteId: string;
  custodianType: CustodianType;
  inTransitShipmentId?: string;
  volumeMl: number;
  bloodUnits?: number;
  plateletDoses?: number;
}

/**
 * A unit as its own `Unit-` stream says it is now, read from the log of record (not from the units
 * read model): another context's precondition on a unit holds the moment components' append is
 * acknowledged, and a service of another context needs no copy of components' read models.
 */
@Injectable()
export class UnitRecordReader {
  constructor(private readonly executor: CommandExecutor) {}

  async get(unitId: string): Promise<UnitRecord> {
    /* The fold only: nothing is decided here, so nothing the unit's decider refuses can come out of it. */
    const { state } = await this.executor.load(
      { initialState: initialUnitState, evolve: evolveUnit },
      unitStreamId(unitId),
    );
    if (state.status === 'None') throw new UnitNotFound(unitId);
    return {
      unitId: state.unitId,
      productCode: state.productCode,
      productType: state.productType,
      category: CATEGORY_BY_TYPE[state.productType],
      status: state.status,
      expiresAt: state.expiresAt,
      siteId: state.custody.siteId,
      custodianType: state.custody.custodianType,
      ...(state.inTransit ? { inTransitShipmentId: state.inTransit.shipmentId } : {}),
      volumeMl: state.volumeMl,
      ...(state.bloodUnits !== undefined ? { bloodUnits: state.bloodUnits } : {}),
      ...(state.plateletDoses !== undefined ? { plateletDoses: state.plateletDoses } : {}),
    };
  }
}
