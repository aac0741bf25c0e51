import { ConflictError, DomainError, NotFoundError } from '@hemotrace/kernel';

export class PatientNotFound extends NotFoundError {
  constructor(patientId: string) {
    super('TRANSFUSION.PATIENT_NOT_FOUND', `No patient ${patientId} at this hospital`, { patientId });
  }
}

export class RequestNotFound extends NotFoundError {
  constructor(requestId: string) {
    super('TRANSFUSION.REQUEST_NOT_FOUND', `No transfusion request ${requestId} at this hospital`, {
      requestId,
    });
  }
}

export class UnitNotFound extends NotFoundError {
  constructor(unitId: string) {
    super('TRANSFUSION.UNIT_NOT_FOUND', `No unit ${unitId} known to the hospital blood bank`, { unitId });
  }
}

export class SampleNotFound extends NotFoundError {
  constructor(sampleId: string) {
    super('TRANSFUSION.SAMPLE_NOT_FOUND', `No sample ${sampleId} for this patient`, { sampleId });
  }
}

export class PatientAlreadyRegistered extends DomainError {
  constructor(patientId: string) {
    super('TRANSFUSION.PATIENT_ALREADY_REGISTERED', `Patient ${patientId} is already registered`, {
      patientId,
    });
  }
}

export class MrnAlreadyRegistered extends DomainError {
  constructor(mrn: string) {
    super('TRANSFUSION.MRN_ALREADY_REGISTERED', `Medical record number ${mrn} is already registered here`, {
      mrn,
    });
  }
}

export class SampleAlreadyRecorded extends DomainError {
  constructor(sampleId: string) {
    super('TRANSFUSION.SAMPLE_ALREADY_RECORDED', `Sample ${sampleId} is already recorded`, { sampleId });
  }
}

export class SampleCollectedInFuture extends DomainError {
  constructor(sampleId: string) {
    super(
      'TRANSFUSION.SAMPLE_COLLECTED_IN_FUTURE',
      `Sample ${sampleId} cannot be drawn after it was tested`,
      {
        sampleId,
      },
    );
  }
}

export class AntibodyScreenNegative extends DomainError {
  constructor(sampleId: string) {
    super(
      'TRANSFUSION.ANTIBODY_SCREEN_NEGATIVE',
      `Sample ${sampleId} screened negative; antibodies are identified on a positive screen`,
      { sampleId },
    );
  }
}

export class NoValidSample extends DomainError {
  constructor(patientId: string) {
    super(
      'TRANSFUSION.NO_VALID_SAMPLE',
      `Patient ${patientId} has no typed sample within its validity window; draw a new sample`,
      { patientId },
    );
  }
}

export class GroupDiscrepancy extends DomainError {
  constructor(patientId: string, groups: string[]) {
    super(
      'TRANSFUSION.GROUP_DISCREPANCY',
      `Patient ${patientId} has discrepant ABO/RhD results (${groups.join(', ')}); resolve before crossmatching`,
      { patientId, groups },
    );
  }
}

export class AntibodyIdentificationPending extends DomainError {
  constructor(sampleId: string) {
    super(
      'TRANSFUSION.ANTIBODY_IDENTIFICATION_PENDING',
      `Sample ${sampleId} screened positive; identify the antibodies before crossmatching red cells`,
      { sampleId },
    );
  }
}

export class ElectronicCrossmatchNotAllowed extends DomainError {
  constructor(reasons: string[]) {
    super(
      'TRANSFUSION.ELECTRONIC_CROSSMATCH_NOT_ALLOWED',
      `Electronic crossmatch is not allowed: ${reasons.join('; ')}; perform a serological crossmatch`,
      { reasons },
    );
  }
}

export class UnitIncompatible extends DomainError {
  constructor(unitId: string, findings: string[]) {
    super(
      'TRANSFUSION.UNIT_INCOMPATIBLE',
      `Unit ${unitId} may not be given to this patient: ${findings.join('; ')}`,
      {
        unitId,
        findings,
      },
    );
  }
}

export class UnitNotAvailable extends DomainError {
  constructor(unitId: string, reason: string) {
    super('TRANSFUSION.UNIT_NOT_AVAILABLE', `Unit ${unitId} is not available: ${reason}`, { unitId, reason });
  }
}

export class UnitExpired extends DomainError {
  constructor(unitId: string, expiresAt: string) {
    super('TRANSFUSION.UNIT_EXPIRED', `Unit ${unitId} expired at ${expiresAt}`, { unitId, expiresAt });
  }
}

export class WrongProduct extends DomainError {
  constructor(unitId: string, requested: string, actual: string | null) {
    super(
      'TRANSFUSION.WRONG_PRODUCT',
      `Unit ${unitId} is ${actual ?? 'not a transfusable product'}; ${requested} was requested`,
      {
        unitId,
        requested,
        actual,
      },
    );
  }
}

export class QuantityAlreadyAllocated extends DomainError {
  constructor(requestId: string, quantity: number) {
    super(
      'TRANSFUSION.QUANTITY_ALREADY_ALLOCATED',
      `Request ${requestId} already has its ${quantity} unit(s)`,
      {
        requestId,
        quantity,
      },
    );
  }
}

export class UnitAlreadyAllocated extends DomainError {
  constructor(unitId: string) {
    super('TRANSFUSION.UNIT_ALREADY_ALLOCATED', `Unit ${unitId} is already allocated to this request`, {
      unitId,
    });
  }
}

export class NotAnEmergencyRequest extends DomainError {
  constructor(requestId: string) {
    super(
      'TRANSFUSION.NOT_AN_EMERGENCY_REQUEST',
      `Request ${requestId} is not an EMERGENCY request; uncrossmatched release is refused`,
      { requestId },
    );
  }
}

export class EmergencyUnitNotGroupORedCells extends DomainError {
  constructor(unitId: string) {
    super(
      'TRANSFUSION.EMERGENCY_UNIT_NOT_GROUP_O_RED_CELLS',
      `Unit ${unitId} is not group O red cells; only those may be released uncrossmatched`,
      { unitId },
    );
  }
}

export class UnitNotInExpectedState extends DomainError {
  constructor(unitId: string, expected: string[], actual: string | null) {
    super(
      'TRANSFUSION.UNIT_NOT_IN_EXPECTED_STATE',
      `Unit ${unitId} is ${actual ?? 'not part of this request'}; expected ${expected.join(' or ')}`,
      { unitId, expected, actual },
    );
  }
}

export class BedsideCheckRequired extends DomainError {
  constructor(unitId: string) {
    super('TRANSFUSION.BEDSIDE_CHECK_REQUIRED', `Unit ${unitId} has not passed the bedside check`, {
      unitId,
    });
  }
}

export class BedsideMismatch extends DomainError {
  constructor(reasons: string[], eventId: string) {
    super(
      'TRANSFUSION.BEDSIDE_MISMATCH',
      `Bedside check failed (${reasons.join(', ')}): do not transfuse. The attempt was recorded.`,
      { reasons, recordedEventId: eventId },
    );
  }
}

export class CrossmatchSampleExpired extends DomainError {
  constructor(unitId: string, validUntil: string) {
    super(
      'TRANSFUSION.CROSSMATCH_SAMPLE_EXPIRED',
      `The sample unit ${unitId} was crossmatched against expired at ${validUntil}; crossmatch again`,
      { unitId, validUntil },
    );
  }
}

export class EndBeforeStart extends DomainError {
  constructor(unitId: string) {
    super('TRANSFUSION.END_BEFORE_START', `Transfusion of ${unitId} cannot end before it started`, {
      unitId,
    });
  }
}

export class OnsetBeforeTransfusion extends DomainError {
  constructor(onsetAt: string, startedAt: string) {
    super(
      'TRANSFUSION.ONSET_BEFORE_TRANSFUSION',
      `Onset ${onsetAt} is before the transfusion started (${startedAt})`,
      {
        onsetAt,
        startedAt,
      },
    );
  }
}

export class OnsetOutsideCategoryWindow extends DomainError {
  constructor(category: string, hours: number, hoursAfterEnd: number) {
    super(
      'TRANSFUSION.ONSET_OUTSIDE_CATEGORY_WINDOW',
      `${category} is defined by onset within ${hours} h of transfusion; this onset is ${hoursAfterEnd.toFixed(1)} h after it ended`,
      { category, windowHours: hours, hoursAfterEnd },
    );
  }
}

export class ReturnOutsideLimits extends DomainError {
  constructor(unitId: string, reasons: string[]) {
    super(
      'TRANSFUSION.RETURN_OUTSIDE_LIMITS',
      `Unit ${unitId} cannot go back into stock (${reasons.join('; ')}); record it as wasted`,
      { unitId, reasons },
    );
  }
}

export class NoDonationHistory extends DomainError {
  constructor(donorId: string) {
    super('TRANSFUSION.NO_DONATION_HISTORY', `No completed donation is recorded for donor ${donorId}`, {
      donorId,
    });
  }
}

export class FeeExemptionNotInProfile extends DomainError {
  constructor(profileId: string) {
    super(
      'TRANSFUSION.FEE_EXEMPTION_NOT_IN_PROFILE',
      `Profile ${profileId} has no donor blood-fee exemption`,
      {
        profileId,
      },
    );
  }
}

export class PatientPersonalDataAlreadyErased extends ConflictError {
  constructor(patientId: string, erasedAt: string) {
    super(
      'TRANSFUSION.PERSONAL_DATA_ALREADY_ERASED',
      `The identity of patient ${patientId} was erased at ${erasedAt}`,
      { patientId, erasedAt },
    );
  }
}
