/**
 * The other contexts' stored event names that traceability reads. They mirror the contracts in
 * libs/<context>/src/contracts; those libraries have no public index yet, so the names are repeated
 * here as strings (a contract name never changes, so the copy cannot drift silently: the journey
 * tests append and read them through the real contexts once they exist).
 */
export const UPSTREAM = {
  donorRegistered: 'DonorRegistered',
  donorEligibilityAssessed: 'DonorEligibilityAssessed',
  donorDeferred: 'DonorDeferred',
  donorPersonalDataErased: 'DonorPersonalDataErased',
  patientPersonalDataErased: 'PatientPersonalDataErased',
  donationStarted: 'DonationStarted',
  donationCompleted: 'DonationCompleted',
  donationAborted: 'DonationAborted',
  markerResultRecorded: 'MarkerResultRecorded',
  donationQualified: 'DonationQualified',
  donationRejected: 'DonationRejected',
  donorConfirmedPositive: 'DonorConfirmedPositive',
  unitPrepared: 'UnitPrepared',
  unitQualified: 'UnitQualified',
  unitReleased: 'UnitReleased',
  unitQuarantined: 'UnitQuarantined',
  unitQualityDecisionRecorded: 'UnitQualityDecisionRecorded',
  unitDiscarded: 'UnitDiscarded',
  unitExpired: 'UnitExpired',
  unitConsumed: 'UnitConsumed',
  unitStored: 'UnitStored',
  unitShipped: 'UnitShipped',
  unitCustodyTransferred: 'UnitCustodyTransferred',
  unitAllocatedToPatient: 'UnitAllocatedToPatient',
  unitAllocationReleased: 'UnitAllocationReleased',
  unitTransfusionRecorded: 'UnitTransfusionRecorded',
  unitWastedAtHospital: 'UnitWastedAtHospital',
  shipmentCreated: 'ShipmentCreated',
  unitPacked: 'UnitPacked',
  shipmentDispatched: 'ShipmentDispatched',
  shipmentReceived: 'ShipmentReceived',
  unitReturned: 'UnitReturned',
  crossmatchPerformed: 'CrossmatchPerformed',
  bedsideCheckPassed: 'BedsideCheckPassed',
  unitTransfused: 'UnitTransfused',
  transfusionTransmittedInfectionSuspected: 'TransfusionTransmittedInfectionSuspected',
} as const;

export type Marker = 'HIV' | 'HBV' | 'HCV' | 'SYPHILIS' | 'ALT';

/** Streams of personal data are never part of a trace (DOMAIN.md: identity kept apart). */
export const isPersonalDataStream = (streamId: string): boolean => /Identity-/.test(streamId);

export interface BloodGroupData {
  abo: string;
  rhd: string;
}

export interface DonationCompletedData {
  din: string;
  donorId: string;
  procedure: string;
  volumeMl: number;
  plateletDoses?: number;
  startedAt: string;
  endedAt: string;
  siteId: string;
  siteType: string;
  bagLot: string;
  groupDonation?: boolean;
}

export interface MarkerResultData {
  din: string;
  marker: string;
  method: string;
  reagent: { manufacturer: string; lot: string };
  instrument?: string;
  interpretation: 'NON_REACTIVE' | 'REACTIVE' | 'INDETERMINATE';
  testedAt: string;
}

export interface DonationQualifiedData {
  din: string;
  donorId: string;
  bloodGroup: BloodGroupData;
  qualifiedAt: string;
  testedAt?: string;
}

export interface DonationRejectedData {
  din: string;
  donorId: string;
  reactiveMarkers: string[];
  rejectedAt: string;
}

export interface DonorConfirmedPositiveData {
  din: string;
  donorId: string;
  marker: Marker;
  confirmedAt: string;
}

export interface UnitPreparedData {
  unitId: string;
  din: string;
  donorId: string;
  productCode: string;
  productType: string;
  bloodGroup?: BloodGroupData;
  volumeMl: number;
  plateletDoses?: number;
  bloodUnits?: number;
  preparedAt: string;
  expiresAt: string;
  siteId: string;
  parentUnitIds: string[];
  sourceDins: string[];
  method: string;
  equipmentId: string;
  status: 'Quarantined' | 'Released';
}

export interface UnitCauseData {
  type: string;
  eventId?: string;
  reference?: string;
}

export interface UnitReleasedData {
  unitId: string;
  releasedAt: string;
  cause: UnitCauseData;
}

export interface UnitQualifiedData {
  unitId: string;
  bloodGroup: BloodGroupData;
}

export interface UnitQuarantinedData {
  unitId: string;
  holdId: string;
  reason: 'TEMPERATURE_EXCURSION' | 'RECALL' | 'MANUAL';
  quarantinedAt: string;
}

export interface UnitQualityDecisionData {
  unitId: string;
  holdId: string;
  decision: 'RELEASE' | 'DISCARD';
  decidedAt: string;
}

export interface UnitDiscardedData {
  unitId: string;
  reason: string;
  discardedAt: string;
}

export interface UnitExpiredData {
  unitId: string;
  expiredAt: string;
}

export interface UnitConsumedData {
  unitId: string;
  intoUnitIds: string[];
  consumedAt: string;
}

export interface UnitStoredData {
  unitId: string;
  siteId: string;
  equipmentId: string;
  at: string;
}

export interface UnitShippedData {
  unitId: string;
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  at: string;
}

export interface UnitCustodyTransferredData {
  unitId: string;
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  custodianType: 'BLOOD_CENTER' | 'HOSPITAL';
  via: 'RECEIVED' | 'RETURNED';
  at: string;
}

export type ShipmentType = 'HOSPITAL_ISSUE' | 'CENTER_TRANSFER' | 'EMERGENCY_TRANSFER';

export interface ShipmentCreatedData {
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  createdAt: string;
}

export interface UnitPackedData {
  shipmentId: string;
  unitId: string;
  productType: string;
  volumeMl: number;
  bloodUnits?: number;
  plateletDoses?: number;
  packedAt: string;
}

export interface ShipmentDispatchedData {
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  unitIds: string[];
  dispatchedAt: string;
}

export interface ShipmentReceivedData {
  shipmentId: string;
  type: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  units: { unitId: string; accepted: boolean }[];
  receivedAt: string;
}

export interface UnitReturnedData {
  shipmentId: string;
  unitId: string;
  fromSiteId: string;
  toSiteId: string;
  disposition: 'RESTOCKED' | 'DISCARDED';
  returnedAt: string;
}

/** Transfusion facts: read by their unit and patient references. */
export interface TransfusionFactData {
  unitId?: string;
  unitIds?: string[];
  patientId?: string;
  siteId?: string;
  /** UnitTransfused: the hospital whose patient it is and the business times of the transfusion. */
  hospitalSiteId?: string;
  startedAt?: string;
  endedAt?: string;
}

/** The components context's mirror of a hospital fact on the unit's own stream. */
export interface UnitHospitalFactData {
  unitId: string;
  requestId: string;
  hospitalSiteId: string;
}

export interface UnitShippedData {
  unitId: string;
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  at: string;
}

export const TRANSFUSION = {
  unitIssuedToWard: 'UnitIssuedToWard',
  emergencyReleaseAuthorized: 'EmergencyReleaseAuthorized',
  transfusionStarted: 'TransfusionStarted',
} as const;

export interface CrossmatchPerformedData {
  patientId: string;
  unitId: string;
  result: 'COMPATIBLE' | 'INCOMPATIBLE';
  performedAt: string;
}

export interface UnitIssuedToWardData {
  patientId: string;
  unitId: string;
  hospitalSiteId: string;
  crossmatched: boolean;
  emergencyRelease: boolean;
  issuedAt: string;
}

export interface PatientUnitData {
  patientId: string;
  unitId: string;
  hospitalSiteId?: string;
}
