import { ConflictError, DomainError, NotFoundError } from '@hemotrace/kernel';

export class DonationNotFound extends NotFoundError {
  constructor(din: string) {
    super('COLLECTION.DONATION_NOT_FOUND', `No donation ${din}`, { din });
  }
}

export class DinAlreadyUsed extends ConflictError {
  constructor(din: string) {
    super('COLLECTION.DIN_ALREADY_USED', `DIN ${din} already identifies a donation`, { din });
  }
}

export class DonorNotEligible extends DomainError {
  constructor(donorId: string, reasons: unknown[]) {
    super('COLLECTION.DONOR_NOT_ELIGIBLE', `Donor ${donorId} may not donate now`, { donorId, reasons });
  }
}

export class InvalidCollectionParameters extends DomainError {
  constructor(message: string, details: Record<string, unknown>) {
    super('COLLECTION.INVALID_PROCEDURE_PARAMETERS', message, details);
  }
}

export class DonationNotInProgress extends DomainError {
  constructor(din: string, status: string) {
    super('COLLECTION.DONATION_NOT_IN_PROGRESS', `Donation ${din} is ${status}, not in progress`, {
      din,
      status,
    });
  }
}

export class InvalidDonationTimes extends DomainError {
  constructor(message: string, details: Record<string, unknown>) {
    super('COLLECTION.INVALID_TIMES', message, details);
  }
}

export class VolumeOutOfTolerance extends DomainError {
  constructor(din: string, measuredVolumeMl: number, nominalVolumeMl: number, tolerance: number) {
    super(
      'COLLECTION.VOLUME_OUT_OF_TOLERANCE',
      `Donation ${din}: ${measuredVolumeMl} mL is not within ${tolerance * 100}% of the ${nominalVolumeMl} mL bag; record it as aborted with a partial volume`,
      { din, measuredVolumeMl, nominalVolumeMl, tolerance },
    );
  }
}

export class TubeAlreadyLinked extends DomainError {
  constructor(din: string, tubeIds: string[]) {
    super('COLLECTION.TUBE_ALREADY_LINKED', `Tubes already linked to ${din}: ${tubeIds.join(', ')}`, {
      din,
      tubeIds,
    });
  }
}

export class DonationAlreadyInProgress extends ConflictError {
  constructor(donorId: string, din: string) {
    super(
      'COLLECTION.DONATION_IN_PROGRESS',
      `Donor ${donorId} already has donation ${din} in progress; complete or abort it first`,
      { donorId, din },
    );
  }
}

export class DonationIntervalNotRespected extends DomainError {
  constructor(donorId: string, procedure: string, startedAt: string, allowedFrom: string) {
    super(
      'COLLECTION.DONATION_INTERVAL_NOT_RESPECTED',
      `Donor ${donorId} may give ${procedure} from ${allowedFrom}, not ${startedAt}`,
      { donorId, procedure, startedAt, allowedFrom },
    );
  }
}
