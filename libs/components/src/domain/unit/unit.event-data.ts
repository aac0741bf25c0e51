import type {
  BloodGroup,
  CustodianType,
  LateEntry,
  Phenotype,
  ProductCategory,
  UnitStatus,
} from '@hemotrace/kernel';

/**
 * The stored data of the components context's events and the words they use, owned by its domain
 * (the `*Contract` names are kept for the code that already uses them); contracts/ re-exports what
 * other contexts may read.
 */
export type { CustodianType, ProductCategory, UnitStatus };

export type ProductType =
  | 'WHOLE_BLOOD'
  | 'SUSPENDED_RED_CELLS'
  | 'LEUKOREDUCED_RED_CELLS'
  | 'WASHED_RED_CELLS'
  | 'FROZEN_RED_CELLS'
  | 'DEGLYCEROLIZED_RED_CELLS'
  | 'FRESH_FROZEN_PLASMA'
  | 'FROZEN_PLASMA'
  | 'CRYOPRECIPITATE'
  | 'PLATELET_CONCENTRATE'
  | 'APHERESIS_PLATELETS'
  | 'POOLED_PLATELETS';

/** How a unit came to exist: from a donation, or from one or more parent units. */
export type PreparationMethod =
  | 'COLLECTED_AS_IS'
  | 'SEPARATION'
  | 'APHERESIS'
  | 'DIVISION'
  | 'POOLING'
  | 'LEUKOREDUCTION'
  | 'IRRADIATION'
  | 'WASHING'
  | 'FREEZING'
  | 'THAWING'
  | 'DEGLYCEROLIZATION';

/**
 * Every state a unit can reach, from its own stream: at a blood center (quarantined or in stock),
 * on the road, at a hospital (received, allocated to a patient), returned to its blood center, or
 * gone for good (transfused, wasted, discarded, expired, consumed into another unit).
 */
export type UnitLifecycle =
  | 'Quarantined'
  | 'InStock'
  | 'InTransit'
  | 'AtHospital'
  | 'Allocated'
  | 'Returned'
  | 'Transfused'
  | 'Wasted'
  | 'Discarded'
  | 'Expired'
  | 'Consumed';

/** Why something happened to a unit: the event that caused it, or a named decision. */
export interface UnitCause {
  type: string;
  eventId?: string;
  reference?: string;
}

export interface UnitPreparedContract {
  unitId: string;
  din: string;
  /** Pools: the donor of each parent is reached through parentUnitIds; this is the first parent's donor. */
  donorId: string;
  productCode: string;
  descriptionCode: string;
  productType: ProductType;
  bloodGroup?: BloodGroup;
  phenotype?: Phenotype;
  volumeMl: number;
  plateletDoses?: number;
  /** China counts red cells in units of 200 mL whole blood; the units of the source donation(s). */
  bloodUnits?: number;
  preparedAt: string;
  expiresAt: string;
  siteId: string;
  /** Empty for a unit prepared straight from a donation; every parent for divisions, pools and modifications. */
  parentUnitIds: string[];
  /** Every DIN the unit contains (one, or several for a pool). */
  sourceDins: string[];
  method: PreparationMethod;
  equipmentId: string;
  /** A unit prepared from released parents is released at once; otherwise it starts Quarantined. */
  status: 'Quarantined' | 'Released';
}

/** The laboratory qualified the donation (cause = the laboratory's DonationQualified event). */
export interface UnitQualifiedContract {
  unitId: string;
  bloodGroup: BloodGroup;
  phenotype?: Phenotype;
  cause: UnitCause;
}

export interface UnitReleasedContract {
  unitId: string;
  releasedAt: string;
  cause: UnitCause;
}

export type QuarantineReason = 'TEMPERATURE_EXCURSION' | 'RECALL' | 'MANUAL';

export interface UnitQuarantinedContract {
  unitId: string;
  holdId: string;
  reason: QuarantineReason;
  quarantinedAt: string;
  cause?: UnitCause;
}

export interface UnitQualityDecisionRecordedContract {
  unitId: string;
  holdId: string;
  decision: 'RELEASE' | 'DISCARD';
  reason: string;
  decidedAt: string;
  /** Entered by hand later than the profile's threshold: why, and how long after. */
  lateEntry?: LateEntry;
}

export type DiscardReason =
  | 'DONATION_REJECTED'
  | 'TEMPERATURE_EXCURSION'
  | 'DAMAGED'
  | 'RECALLED'
  | 'REJECTED_ON_RECEIPT'
  | 'RETURN_OUT_OF_LIMITS'
  | 'OTHER';

export interface UnitDiscardedContract {
  unitId: string;
  reason: DiscardReason;
  note?: string;
  discardedAt: string;
  cause?: UnitCause;
  /** Entered by hand later than the profile's threshold: why, and how long after. */
  lateEntry?: LateEntry;
}

export interface UnitExpiredContract {
  unitId: string;
  expiresAt: string;
  expiredAt: string;
}

/** The unit went into a division, a pool or a modification and no longer exists on its own. */
export interface UnitConsumedContract {
  unitId: string;
  intoUnitIds: string[];
  method: PreparationMethod;
  consumedAt: string;
}

export interface UnitStoredContract {
  unitId: string;
  siteId: string;
  equipmentId: string;
  at: string;
  /** Entered by hand later than the profile's threshold: why, and how long after. */
  lateEntry?: LateEntry;
}

export interface UnitShippedContract {
  unitId: string;
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  at: string;
}

export interface UnitCustodyTransferredContract {
  unitId: string;
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  custodianType: CustodianType;
  /** RECEIVED at the consignee, or RETURNED from a hospital to its blood center. */
  via: 'RECEIVED' | 'RETURNED';
  at: string;
}

/** The hospital allocated the unit to a request (cause = transfusion's UnitAllocated). */
export interface UnitAllocatedToPatientContract {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  allocatedAt: string;
  cause: UnitCause;
}

/** The unit came back from the ward to the hospital blood bank, unallocated (cause = UnitReturnedToBloodBank). */
export interface UnitAllocationReleasedContract {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  releasedAt: string;
  cause: UnitCause;
}

/** The hospital transfused the unit: it has left stock for good (cause = transfusion's UnitTransfused). */
export interface UnitTransfusionRecordedContract {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  transfusedAt: string;
  cause: UnitCause;
}

/** The hospital wasted the unit: it has left stock for good (cause = transfusion's UnitWasted). */
export interface UnitWastedAtHospitalContract {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
  reason: string;
  wastedAt: string;
  cause: UnitCause;
}
