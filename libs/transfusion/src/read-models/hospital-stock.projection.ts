import type { DocumentWriter } from '@hemotrace/event-sourcing';
import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { ContractProjection, IntegrationEvent } from '@hemotrace/messaging';
import type {
  ProductType,
  UnitConsumedV1,
  UnitDiscardedV1,
  UnitExpiredV1,
  UnitPreparedV1,
  UnitQualifiedV1,
  UnitQualityDecisionRecordedV1,
  UnitQuarantinedV1,
  UnitReleasedV1,
} from '@hemotrace/components/contracts';
import {
  UNIT_CONSUMED_V1,
  UNIT_DISCARDED_V1,
  UNIT_EXPIRED_V1,
  UNIT_PREPARED_V1,
  UNIT_QUALIFIED_V1,
  UNIT_QUALITY_DECISION_RECORDED_V1,
  UNIT_QUARANTINED_V1,
  UNIT_RELEASED_V1,
} from '@hemotrace/components/contracts';
import type { ShipmentReceivedV1, UnitReturnedV1 } from '@hemotrace/distribution/contracts';
import { SHIPMENT_RECEIVED_V1, UNIT_RETURNED_V1 } from '@hemotrace/distribution/contracts';
import type { RequestedProduct } from '../contracts/transfusion.contracts';
import type { UnitAllocatedV1 } from '../contracts/unit-allocated.v1';
import { UNIT_ALLOCATED_V1 } from '../contracts/unit-allocated.v1';
import type { UnitIssuedToWardV1 } from '../contracts/unit-issued-to-ward.v1';
import { UNIT_ISSUED_TO_WARD_V1 } from '../contracts/unit-issued-to-ward.v1';
import type { UnitReturnedToBloodBankV1 } from '../contracts/unit-returned-to-blood-bank.v1';
import { UNIT_RETURNED_TO_BLOOD_BANK_V1 } from '../contracts/unit-returned-to-blood-bank.v1';
import type { UnitTransfusedV1 } from '../contracts/unit-transfused.v1';
import { UNIT_TRANSFUSED_V1 } from '../contracts/unit-transfused.v1';
import type { UnitWastedV1 } from '../contracts/unit-wasted.v1';
import { UNIT_WASTED_V1 } from '../contracts/unit-wasted.v1';
import type { HospitalUnitStatus } from '../domain/compatibility/unit-facts';

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

const prepared = async (d: UnitPreparedV1, tx: DocumentWriter): Promise<void> => {
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
 * Hospital stock: units known from components' contracts, placed at a hospital when distribution
 * reports a shipment received there, then followed through this context's own published allocation,
 * issue, transfusion, return and waste. One fold over one ordered feed, so a rebuild replays the
 * hospital's steps after the blood center's.
 */
export const hospitalStockProjection: ContractProjection = {
  name: 'transfusion-hospital-stock',
  contexts: ['components', 'distribution', 'transfusion'],
  types: [
    UNIT_PREPARED_V1,
    UNIT_QUALIFIED_V1,
    UNIT_RELEASED_V1,
    UNIT_QUARANTINED_V1,
    UNIT_QUALITY_DECISION_RECORDED_V1,
    UNIT_DISCARDED_V1,
    UNIT_EXPIRED_V1,
    UNIT_CONSUMED_V1,
    SHIPMENT_RECEIVED_V1,
    UNIT_RETURNED_V1,
    UNIT_ALLOCATED_V1,
    UNIT_ISSUED_TO_WARD_V1,
    UNIT_TRANSFUSED_V1,
    UNIT_RETURNED_TO_BLOOD_BANK_V1,
    UNIT_WASTED_V1,
  ],
  collections: [HOSPITAL_UNITS],
  indexes: { [HOSPITAL_UNITS]: [['siteId'], ['siteId', 'hospitalStatus']] },
  handle: (event, tx) => fold(event, tx),
};

const fold = async (event: IntegrationEvent, tx: DocumentWriter): Promise<void> => {
  switch (event.type) {
    case UNIT_PREPARED_V1:
      return prepared(event.data as UnitPreparedV1, tx);
    case UNIT_QUALIFIED_V1: {
      const d = event.data as UnitQualifiedV1;
      return update(tx, d.unitId, {
        bloodGroup: d.bloodGroup,
        ...(d.phenotype ? { phenotype: d.phenotype } : {}),
      });
    }
    case UNIT_RELEASED_V1:
      return update(tx, (event.data as UnitReleasedV1).unitId, { releaseStatus: 'Released' });
    case UNIT_QUARANTINED_V1:
      return update(tx, (event.data as UnitQuarantinedV1).unitId, { releaseStatus: 'Quarantined' });
    case UNIT_QUALITY_DECISION_RECORDED_V1: {
      const d = event.data as UnitQualityDecisionRecordedV1;
      return update(tx, d.unitId, { releaseStatus: d.decision === 'RELEASE' ? 'Released' : 'Discarded' });
    }
    case UNIT_DISCARDED_V1:
      return update(tx, (event.data as UnitDiscardedV1).unitId, { releaseStatus: 'Discarded' });
    case UNIT_EXPIRED_V1:
      return update(tx, (event.data as UnitExpiredV1).unitId, { releaseStatus: 'Expired' });
    case UNIT_CONSUMED_V1:
      return update(tx, (event.data as UnitConsumedV1).unitId, { releaseStatus: 'Consumed' });
    case SHIPMENT_RECEIVED_V1: {
      const d = event.data as ShipmentReceivedV1;
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
    case UNIT_RETURNED_V1: {
      const d = event.data as UnitReturnedV1;
      return update(tx, d.unitId, { siteId: d.toSiteId, hospitalStatus: 'RETURNED_TO_CENTER' });
    }
    case UNIT_ALLOCATED_V1: {
      const d = event.data as UnitAllocatedV1;
      return update(tx, d.unitId, {
        hospitalStatus: 'ALLOCATED',
        requestId: d.requestId,
        patientId: d.patientId,
      });
    }
    case UNIT_ISSUED_TO_WARD_V1: {
      const d = event.data as UnitIssuedToWardV1;
      return update(tx, d.unitId, { hospitalStatus: 'ISSUED', ward: d.ward });
    }
    case UNIT_TRANSFUSED_V1:
      return update(tx, (event.data as UnitTransfusedV1).unitId, { hospitalStatus: 'TRANSFUSED' });
    case UNIT_RETURNED_TO_BLOOD_BANK_V1:
      return update(tx, (event.data as UnitReturnedToBloodBankV1).unitId, {
        hospitalStatus: 'AVAILABLE',
        requestId: null,
        patientId: null,
        ward: null,
      });
    case UNIT_WASTED_V1:
      return update(tx, (event.data as UnitWastedV1).unitId, { hospitalStatus: 'WASTED' });
    default:
      return;
  }
};
