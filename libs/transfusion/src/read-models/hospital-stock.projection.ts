import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type {
  ProductType,
  UnitConsumedContract,
  UnitDiscardedContract,
  UnitExpiredContract,
  UnitPreparedContract,
  UnitQualifiedContract,
  UnitQualityDecisionRecordedContract,
  UnitQuarantinedContract,
  UnitReleasedContract,
} from '@hemotrace/components/contracts';
import {
  UNIT_CONSUMED,
  UNIT_DISCARDED,
  UNIT_EXPIRED,
  UNIT_PREPARED,
  UNIT_QUALIFIED,
  UNIT_QUALITY_DECISION_RECORDED,
  UNIT_QUARANTINED,
  UNIT_RELEASED,
} from '@hemotrace/components/contracts';
import type { RequestedProduct } from '../contracts/transfusion.contracts';
import type { HospitalUnitStatus } from '../domain/compatibility/unit-facts';
import type { TransfusionRequestEvent } from '../domain/transfusion-request/transfusion-request.events';
import type { ShipmentReceivedContract, UnitReturnedContract } from '@hemotrace/distribution/contracts';
import { SHIPMENT_RECEIVED, UNIT_RETURNED } from '@hemotrace/distribution/contracts';

export const HOSPITAL_UNITS = 'transfusion_hospital_units';

/** One unit as a hospital blood bank sees it: the blood center's facts plus where it stands at the hospital. */
export interface HospitalUnitView {
  unitId: string;
  din: string;
  productCode: string;
  productType: string;
  product: RequestedProduct | null;
  bloodGroup: BloodGroup | null;
  phenotype: Phenotype;
  irradiated: boolean;
  leukoreduced: boolean;
  volumeMl: number;
  expiresAt: string;
  releaseStatus: string;
  siteId: string | null;
  hospitalStatus: HospitalUnitStatus | null;
  receivedAt: string | null;
  requestId: string | null;
  patientId: string | null;
  ward: string | null;
}

/** Products a request may name; frozen red cells must be thawed first, whole blood is not issued by this service. */
const PRODUCT_BY_TYPE: Partial<Record<ProductType, RequestedProduct | null>> = {
  WHOLE_BLOOD: null,
  SUSPENDED_RED_CELLS: 'RED_CELLS',
  LEUKOREDUCED_RED_CELLS: 'RED_CELLS',
  WASHED_RED_CELLS: 'RED_CELLS',
  FROZEN_RED_CELLS: null,
  DEGLYCEROLIZED_RED_CELLS: 'RED_CELLS',
  FRESH_FROZEN_PLASMA: 'PLASMA',
  FROZEN_PLASMA: 'PLASMA',
  CRYOPRECIPITATE: 'CRYO',
  APHERESIS_PLATELETS: 'PLATELETS',
  PLATELET_CONCENTRATE: 'PLATELETS',
  POOLED_PLATELETS: 'PLATELETS',
};

const update = async (
  tx: DocumentWriter,
  unitId: string,
  change: Partial<HospitalUnitView>,
): Promise<void> => {
  const unit = await tx.get<HospitalUnitView>(HOSPITAL_UNITS, unitId);
  if (unit) tx.put(HOSPITAL_UNITS, unitId, { ...unit, ...change });
};

const prepared = async (d: UnitPreparedContract, tx: DocumentWriter): Promise<void> => {
  const parents = (
    await Promise.all(d.parentUnitIds.map((id) => tx.get<HospitalUnitView>(HOSPITAL_UNITS, id)))
  ).filter((p): p is HospitalUnitView => p !== null);
  const unit: HospitalUnitView = {
    unitId: d.unitId,
    din: d.din,
    productCode: d.productCode,
    productType: d.productType,
    product: PRODUCT_BY_TYPE[d.productType] ?? null,
    bloodGroup: d.bloodGroup ?? null,
    phenotype: d.phenotype ?? {},
    irradiated: d.method === 'IRRADIATION' || parents.some((p) => p.irradiated),
    leukoreduced:
      d.method === 'LEUKOREDUCTION' ||
      d.productType === 'LEUKOREDUCED_RED_CELLS' ||
      parents.some((p) => p.leukoreduced),
    volumeMl: d.volumeMl,
    expiresAt: d.expiresAt,
    releaseStatus: d.status,
    siteId: null,
    hospitalStatus: null,
    receivedAt: null,
    requestId: null,
    patientId: null,
    ward: null,
  };
  tx.put(HOSPITAL_UNITS, d.unitId, unit);
};

/**
 * Hospital stock: units known from the components context, placed at a hospital when a shipment
 * is received there, then followed through this context's allocation, issue, transfusion, return and waste.
 */
export const hospitalStockProjection: Projection = {
  name: 'transfusion-hospital-stock',
  collections: [HOSPITAL_UNITS],
  indexes: { [HOSPITAL_UNITS]: [['siteId'], ['siteId', 'hospitalStatus']] },
  handles: [
    UNIT_PREPARED,
    UNIT_QUALIFIED,
    UNIT_RELEASED,
    UNIT_QUARANTINED,
    UNIT_QUALITY_DECISION_RECORDED,
    UNIT_DISCARDED,
    UNIT_EXPIRED,
    UNIT_CONSUMED,
    SHIPMENT_RECEIVED,
    UNIT_RETURNED,
    'UnitAllocated',
    'UnitIssuedToWard',
    'UnitTransfused',
    'UnitReturnedToBloodBank',
    'UnitWasted',
  ],
  async apply(event: RecordedEvent, tx: DocumentWriter) {
    if (event.streamId.startsWith('TransfusionRequest-')) {
      return applyOwn(event as unknown as TransfusionRequestEvent, tx);
    }
    switch (event.type) {
      case UNIT_PREPARED:
        return prepared(event.data as UnitPreparedContract, tx);
      case UNIT_QUALIFIED: {
        const d = event.data as UnitQualifiedContract;
        return update(tx, d.unitId, {
          bloodGroup: d.bloodGroup,
          ...(d.phenotype ? { phenotype: d.phenotype } : {}),
        });
      }
      case UNIT_RELEASED:
        return update(tx, (event.data as UnitReleasedContract).unitId, { releaseStatus: 'Released' });
      case UNIT_QUARANTINED:
        return update(tx, (event.data as UnitQuarantinedContract).unitId, { releaseStatus: 'Quarantined' });
      case UNIT_QUALITY_DECISION_RECORDED: {
        const d = event.data as UnitQualityDecisionRecordedContract;
        return update(tx, d.unitId, { releaseStatus: d.decision === 'RELEASE' ? 'Released' : 'Discarded' });
      }
      case UNIT_DISCARDED:
        return update(tx, (event.data as UnitDiscardedContract).unitId, { releaseStatus: 'Discarded' });
      case UNIT_EXPIRED:
        return update(tx, (event.data as UnitExpiredContract).unitId, { releaseStatus: 'Expired' });
      case UNIT_CONSUMED:
        return update(tx, (event.data as UnitConsumedContract).unitId, { releaseStatus: 'Consumed' });
      case SHIPMENT_RECEIVED: {
        const d = event.data as ShipmentReceivedContract;
        for (const received of d.units.filter((u) => u.accepted)) {
          await update(tx, received.unitId, {
            siteId: d.toSiteId,
            hospitalStatus: 'AVAILABLE',
            receivedAt: d.receivedAt,
            requestId: null,
            patientId: null,
            ward: null,
          });
        }
        return;
      }
      case UNIT_RETURNED: {
        const d = event.data as UnitReturnedContract;
        return update(tx, d.unitId, { siteId: d.toSiteId, hospitalStatus: 'RETURNED_TO_CENTER' });
      }
      default:
        return;
    }
  },
};

const applyOwn = async (event: TransfusionRequestEvent, tx: DocumentWriter): Promise<void> => {
  switch (event.type) {
    case 'UnitAllocated':
      return update(tx, event.data.unitId, {
        hospitalStatus: 'ALLOCATED',
        requestId: event.data.requestId,
        patientId: event.data.patientId,
      });
    case 'UnitIssuedToWard':
      return update(tx, event.data.unitId, { hospitalStatus: 'ISSUED', ward: event.data.ward });
    case 'UnitTransfused':
      return update(tx, event.data.unitId, { hospitalStatus: 'TRANSFUSED' });
    case 'UnitReturnedToBloodBank':
      return update(tx, event.data.unitId, {
        hospitalStatus: 'AVAILABLE',
        requestId: null,
        patientId: null,
        ward: null,
      });
    case 'UnitWasted':
      return update(tx, event.data.unitId, { hospitalStatus: 'WASTED' });
    default:
      return;
  }
};
