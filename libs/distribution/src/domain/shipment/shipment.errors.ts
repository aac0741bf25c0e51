import { ConflictError, DomainError, NotFoundError, PermissionDenied } from '@hemotrace/kernel';

const fail = (code: string) =>
  class extends DomainError {
    constructor(message: string, details: Record<string, unknown> = {}) {
      super(code, message, details);
    }
  };

export class ShipmentNotFound extends NotFoundError {
  constructor(shipmentId: string) {
    super('DIST.SHIPMENT_NOT_FOUND', `No shipment ${shipmentId}`, { shipmentId });
  }
}

export class ShipmentAlreadyExists extends ConflictError {
  constructor(shipmentId: string) {
    super('DIST.SHIPMENT_ALREADY_EXISTS', `Shipment ${shipmentId} already exists`, { shipmentId });
  }
}

export class NotShipper extends PermissionDenied {
  constructor(siteId: string, fromSiteId: string) {
    super('DIST.NOT_SHIPPER', `Only staff of ${fromSiteId} act for this shipment; you are at ${siteId}`, {
      siteId,
      fromSiteId,
    });
  }
}

export class NotConsignee extends PermissionDenied {
  constructor(siteId: string, toSiteId: string) {
    super('DIST.NOT_CONSIGNEE', `This shipment is addressed to ${toSiteId}, not ${siteId}`, {
      siteId,
      toSiteId,
    });
  }
}

export class SameSite extends fail('DIST.SAME_SITE') {}
export class AllianceRequired extends fail('DIST.ALLIANCE_REQUIRED') {}
export class ConsigneeNotRegistered extends fail('DIST.CONSIGNEE_NOT_REGISTERED') {}
export class ConsigneeInactive extends fail('DIST.CONSIGNEE_INACTIVE') {}
export class ConsigneeWrongType extends fail('DIST.CONSIGNEE_WRONG_TYPE') {}
export class AllianceNotRegistered extends fail('DIST.ALLIANCE_NOT_REGISTERED') {}
export class NotAllianceMembers extends fail('DIST.NOT_ALLIANCE_MEMBERS') {}
export class ShipmentNotOpen extends fail('DIST.SHIPMENT_NOT_OPEN') {}
export class ShipmentEmpty extends fail('DIST.SHIPMENT_EMPTY') {}
export class ShipmentNotDispatched extends fail('DIST.SHIPMENT_NOT_DISPATCHED') {}
export class UnitNotInStock extends fail('DIST.UNIT_NOT_IN_STOCK') {}
export class UnitAlreadyPacked extends fail('DIST.UNIT_ALREADY_PACKED') {}
export class TransportTemperatureOutOfRange extends fail('DIST.TRANSPORT_TEMPERATURE_OUT_OF_RANGE') {}
export class ReceiptUnitsMismatch extends fail('DIST.RECEIPT_UNITS_MISMATCH') {}
export class RejectionReasonRequired extends fail('DIST.REJECTION_REASON_REQUIRED') {}
export class NotAHospitalIssue extends fail('DIST.NOT_A_HOSPITAL_ISSUE') {}
export class UnitNotIssuedInShipment extends fail('DIST.UNIT_NOT_IN_SHIPMENT') {}
export class UnitAlreadyReturned extends fail('DIST.UNIT_ALREADY_RETURNED') {}
