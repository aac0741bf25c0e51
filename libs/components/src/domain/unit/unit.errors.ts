import { ConflictError, DomainError, NotFoundError, PermissionDenied } from '@hemotrace/kernel';

export class UnitNotFound extends NotFoundError {
  constructor(unitId: string) {
    super('COMP.UNIT_NOT_FOUND', `No unit ${unitId}`, { unitId });
  }
}

export class UnitAlreadyPrepared extends ConflictError {
  constructor(unitId: string) {
    super('COMP.UNIT_ALREADY_PREPARED', `Unit ${unitId} was already prepared`, { unitId });
  }
}

/** Shared with every context that uses units (kernel vocabulary), re-exported under their old home. */
export { UnitExpired, UnitNotReleased } from '@hemotrace/kernel';

export class UnitNotYetExpired extends DomainError {
  constructor(unitId: string, expiresAt: string) {
    super('COMP.UNIT_NOT_EXPIRED', `Unit ${unitId} expires only at ${expiresAt}`, { unitId, expiresAt });
  }
}

export class UnitAlreadyFinal extends DomainError {
  constructor(unitId: string, status: string) {
    super('COMP.UNIT_ALREADY_FINAL', `Unit ${unitId} is already ${status}`, { unitId, status });
  }
}

export class UnitNotAtSite extends PermissionDenied {
  constructor(unitId: string, siteId: string) {
    super('COMP.UNIT_NOT_AT_SITE', `Unit ${unitId} is not in the custody of site ${siteId}`, {
      unitId,
      siteId,
    });
  }
}

export class UnitInTransit extends DomainError {
  constructor(unitId: string, shipmentId: string) {
    super('COMP.UNIT_IN_TRANSIT', `Unit ${unitId} is in transit in shipment ${shipmentId}`, {
      unitId,
      shipmentId,
    });
  }
}

export class ProcessingTimeLimitExceeded extends DomainError {
  constructor(descriptionCode: string, limitHours: number, hoursSinceCollection: number) {
    super(
      'COMP.PROCESSING_TIME_LIMIT_EXCEEDED',
      `${descriptionCode} must be prepared within ${limitHours} h of collection; ${hoursSinceCollection.toFixed(1)} h have passed`,
      { descriptionCode, limitHours, hoursSinceCollection },
    );
  }
}

export class PreparedBeforeCollection extends DomainError {
  constructor(preparedAt: string, collectionEndedAt: string) {
    super('COMP.PREPARED_BEFORE_COLLECTION', 'A component cannot be prepared before collection ended', {
      preparedAt,
      collectionEndedAt,
    });
  }
}

export class StorageTemperatureMismatch extends DomainError {
  constructor(unitId: string, equipmentId: string, details: Record<string, unknown>) {
    super(
      'COMP.STORAGE_TEMPERATURE_MISMATCH',
      `Equipment ${equipmentId} does not hold the temperature range unit ${unitId} needs`,
      { unitId, equipmentId, ...details },
    );
  }
}

export class NoSuchHold extends DomainError {
  constructor(unitId: string, holdId: string) {
    super('COMP.NO_SUCH_HOLD', `Unit ${unitId} has no open quarantine hold ${holdId}`, { unitId, holdId });
  }
}
