import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type {
  CustodianType,
  PreparationMethod,
  ProductType,
  UnitLifecycle,
  UnitStatus,
} from '../contracts/components.contracts';
import type { ProductCategory } from '../domain/catalog/product-catalog';
import { CATEGORY_BY_TYPE } from '../domain/catalog/product-catalog';
import type { UnitEvent } from '../domain/unit/unit.events';
import { UNIT_EVENT_TYPES } from '../domain/unit/unit.events';

export const UNITS = 'components_units';
export const STORAGE_PERIODS = 'components_storage_periods';

export interface CustodyLink {
  siteId: string;
  custodianType: CustodianType;
  since: string;
  until?: string;
  shipmentId?: string;
  via: 'PREPARED' | 'RECEIVED' | 'RETURNED';
}

/** Inventory row of one unit: what it is, where it is, who holds it and its status. */
export interface UnitView {
  unitId: string;
  din: string;
  donorId: string;
  productCode: string;
  descriptionCode: string;
  productType: ProductType;
  category: ProductCategory;
  bloodGroup?: BloodGroup;
  abo?: string;
  rhd?: string;
  phenotype?: Phenotype;
  volumeMl: number;
  plateletDoses?: number;
  bloodUnits?: number;
  preparedAt: string;
  expiresAt: string;
  method: PreparationMethod;
  parentUnitIds: string[];
  childUnitIds: string[];
  sourceDins: string[];
  status: UnitStatus;
  statusReason?: string;
  /** The same lifecycle the unit's decider knows (lifecycleOf): in stock, on the road, at a hospital, transfused... */
  lifecycle: UnitLifecycle;
  allocatedToRequestId?: string;
  returned?: boolean;
  qualified: boolean;
  holds: string[];
  siteId: string;
  custodianType: CustodianType;
  equipmentId?: string;
  inTransitShipmentId?: string;
  custodyChain: CustodyLink[];
  updatedAt: string;
}

/** When a unit was in a piece of equipment: an excursion quarantines every unit whose period overlaps it. */
export interface StoragePeriod {
  id: string;
  unitId: string;
  equipmentKey: string;
  from: string;
  to: string | null;
}

export const equipmentKey = (siteId: string, equipmentId: string): string => `${siteId}.${equipmentId}`;

const closeStorage = async (tx: DocumentWriter, unitId: string, at: string) => {
  const open = await tx.find<StoragePeriod>(STORAGE_PERIODS, { unitId, to: null });
  for (const period of open) tx.put(STORAGE_PERIODS, period.id, { ...period, to: at });
};

const openStorage = (
  tx: DocumentWriter,
  unitId: string,
  siteId: string,
  equipmentId: string,
  at: string,
  seq: number,
) =>
  tx.put<StoragePeriod>(STORAGE_PERIODS, `${unitId}:${seq}`, {
    id: `${unitId}:${seq}`,
    unitId,
    equipmentKey: equipmentKey(siteId, equipmentId),
    from: at,
    to: null,
  });

/** The decider's lifecycleOf, over the inventory row. */
const lifecycleOfView = (v: Omit<UnitView, 'lifecycle'>): UnitLifecycle => {
  switch (v.status) {
    case 'Discarded':
    case 'Expired':
    case 'Consumed':
    case 'Transfused':
    case 'Wasted':
      return v.status;
    default:
      if (v.inTransitShipmentId) return 'InTransit';
      if (v.custodianType === 'HOSPITAL') return v.allocatedToRequestId ? 'Allocated' : 'AtHospital';
      if (v.status === 'Quarantined') return 'Quarantined';
      return v.returned ? 'Returned' : 'InStock';
  }
};

export const unitsProjection: Projection = {
  name: 'components-units',
  collections: [UNITS, STORAGE_PERIODS],
  indexes: {
    [UNITS]: [['din'], ['siteId', 'status'], ['expiresAt'], ['productType']],
    [STORAGE_PERIODS]: [['unitId'], ['equipmentKey']],
  },
  handles: UNIT_EVENT_TYPES,
  async apply(recorded: RecordedEvent, tx: DocumentWriter) {
    const event = { type: recorded.type, data: recorded.data } as UnitEvent;
    const at = recorded.occurredAt;
    if (event.type === 'UnitPrepared') {
      const d = event.data;
      tx.put<UnitView>(UNITS, d.unitId, {
        unitId: d.unitId,
        din: d.din,
        donorId: d.donorId,
        productCode: d.productCode,
        descriptionCode: d.descriptionCode,
        productType: d.productType,
        category: CATEGORY_BY_TYPE[d.productType],
        ...(d.bloodGroup ? { bloodGroup: d.bloodGroup, abo: d.bloodGroup.abo, rhd: d.bloodGroup.rhd } : {}),
        ...(d.phenotype ? { phenotype: d.phenotype } : {}),
        volumeMl: d.volumeMl,
        ...(d.plateletDoses !== undefined ? { plateletDoses: d.plateletDoses } : {}),
        ...(d.bloodUnits !== undefined ? { bloodUnits: d.bloodUnits } : {}),
        preparedAt: d.preparedAt,
        expiresAt: d.expiresAt,
        method: d.method,
        parentUnitIds: d.parentUnitIds,
        childUnitIds: [],
        sourceDins: d.sourceDins,
        status: d.status,
        lifecycle: d.status === 'Released' ? 'InStock' : 'Quarantined',
        qualified: d.status === 'Released',
        holds: [],
        siteId: d.siteId,
        custodianType: 'BLOOD_CENTER',
        custodyChain: [
          { siteId: d.siteId, custodianType: 'BLOOD_CENTER', since: d.preparedAt, via: 'PREPARED' },
        ],
        updatedAt: at,
      });
      return;
    }
    const view = await tx.get<UnitView>(UNITS, event.data.unitId);
    if (!view) return;
    const put = (changes: Partial<UnitView>) => {
      const next = { ...view, ...changes, updatedAt: at };
      tx.put<UnitView>(UNITS, view.unitId, { ...next, lifecycle: lifecycleOfView(next) });
    };
    switch (event.type) {
      case 'UnitQualified': {
        const g = event.data.bloodGroup;
        return put({
          qualified: true,
          bloodGroup: g,
          abo: g.abo,
          rhd: g.rhd,
          ...(event.data.phenotype ? { phenotype: event.data.phenotype } : {}),
        });
      }
      case 'UnitReleased':
        return put({ status: 'Released', statusReason: event.data.cause.type });
      case 'UnitQuarantined':
        return put({
          status: 'Quarantined',
          statusReason: event.data.reason,
          holds: [...view.holds, event.data.holdId],
        });
      case 'UnitQualityDecisionRecorded':
        return put({ holds: view.holds.filter((h) => h !== event.data.holdId) });
      case 'UnitDiscarded':
        await closeStorage(tx, view.unitId, event.data.discardedAt);
        return put({ status: 'Discarded', statusReason: event.data.reason, equipmentId: undefined });
      case 'UnitExpired':
        await closeStorage(tx, view.unitId, event.data.expiredAt);
        return put({ status: 'Expired', statusReason: 'EXPIRED', equipmentId: undefined });
      case 'UnitConsumed':
        await closeStorage(tx, view.unitId, event.data.consumedAt);
        return put({
          status: 'Consumed',
          statusReason: event.data.method,
          childUnitIds: event.data.intoUnitIds,
          equipmentId: undefined,
        });
      case 'UnitStored':
        await closeStorage(tx, view.unitId, event.data.at);
        openStorage(
          tx,
          view.unitId,
          event.data.siteId,
          event.data.equipmentId,
          event.data.at,
          recorded.streamVersion,
        );
        return put({ equipmentId: event.data.equipmentId });
      case 'UnitShipped':
        await closeStorage(tx, view.unitId, event.data.at);
        return put({ equipmentId: undefined, inTransitShipmentId: event.data.shipmentId, returned: false });
      case 'UnitCustodyTransferred': {
        const d = event.data;
        const chain = view.custodyChain.map((link, i) =>
          i === view.custodyChain.length - 1 ? { ...link, until: d.at } : link,
        );
        return put({
          siteId: d.toSiteId,
          custodianType: d.custodianType,
          inTransitShipmentId: undefined,
          allocatedToRequestId: undefined,
          returned: d.via === 'RETURNED',
          custodyChain: [
            ...chain,
            {
              siteId: d.toSiteId,
              custodianType: d.custodianType,
              since: d.at,
              shipmentId: d.shipmentId,
              via: d.via,
            },
          ],
        });
      }
      case 'UnitAllocatedToPatient':
        return put({ allocatedToRequestId: event.data.requestId });
      case 'UnitAllocationReleased':
        return put({ allocatedToRequestId: undefined });
      case 'UnitTransfusionRecorded':
        await closeStorage(tx, view.unitId, event.data.transfusedAt);
        return put({
          status: 'Transfused',
          statusReason: event.data.requestId,
          equipmentId: undefined,
          allocatedToRequestId: undefined,
        });
      case 'UnitWastedAtHospital':
        await closeStorage(tx, view.unitId, event.data.wastedAt);
        return put({
          status: 'Wasted',
          statusReason: event.data.reason,
          equipmentId: undefined,
          allocatedToRequestId: undefined,
        });
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};
