import { DomainError, NotFoundError } from '@hemotrace/kernel';
import type { Marker } from '@hemotrace/kernel';
import type { MissingTest } from './donation-testing.rules';

export class DonationNotFound extends NotFoundError {
  constructor(din: string) {
    super('LAB.DONATION_NOT_FOUND', `No collected donation ${din} is known to the laboratory`, { din });
  }
}

export class SampleNotReceived extends DomainError {
  constructor(din: string) {
    super('LAB.SAMPLE_NOT_RECEIVED', `No acceptable sample of ${din} has been received`, { din });
  }
}

export class SampleAlreadyReceived extends DomainError {
  constructor(din: string) {
    super('LAB.SAMPLE_ALREADY_RECEIVED', `An acceptable sample of ${din} is already in testing`, { din });
  }
}

export class SampleReceivedBeforeCollection extends DomainError {
  constructor(din: string, collectedAt: string, receivedAt: string) {
    super('LAB.RECEIVED_BEFORE_COLLECTION', `A sample of ${din} cannot arrive before it was collected`, {
      din,
      collectedAt,
      receivedAt,
    });
  }
}

export class TestingAlreadyConcluded extends DomainError {
  constructor(din: string, reason?: string) {
    super(
      'LAB.TESTING_ALREADY_CONCLUDED',
      reason ?? `Testing of ${din} is concluded; its results are closed`,
      {
        din,
      },
    );
  }
}

export class TestingIncomplete extends DomainError {
  constructor(din: string, missing: MissingTest[]) {
    super('LAB.TESTING_INCOMPLETE', `Testing of ${din} is incomplete`, {
      din,
      missing: missing.map((m) => m.test),
      needs: missing,
    });
  }
}

export class BloodGroupNotConfirmed extends DomainError {
  constructor(din: string, held: boolean) {
    super(
      'LAB.BLOOD_GROUP_NOT_CONFIRMED',
      held
        ? `The blood group of ${din} is held by a discrepancy; a new determination must resolve it`
        : `The blood group of ${din} needs two concordant determinations or agreement with the donor's history`,
      { din, held },
    );
  }
}

export class MarkerNotInProfile extends DomainError {
  constructor(marker: string, profileId: string) {
    super('LAB.MARKER_NOT_IN_PROFILE', `Profile ${profileId} has no rule for ${marker}`, {
      marker,
      profileId,
    });
  }
}

export class MethodNotAllowed extends DomainError {
  constructor(marker: Marker, method: string, allowed: readonly string[]) {
    super('LAB.METHOD_NOT_ALLOWED', `${method} is not a screening method for ${marker}`, {
      marker,
      method,
      allowed,
    });
  }
}

export class ResultIncomplete extends DomainError {
  constructor(
    code: 'LAB.POOL_ID_REQUIRED' | 'LAB.VALUE_REQUIRED' | 'LAB.INTERPRETATION_REQUIRED',
    message: string,
  ) {
    super(code, message);
  }
}

export class InterpretationContradictsLimit extends DomainError {
  constructor(marker: Marker, value: number, upperLimit: number, interpretation: string) {
    super(
      'LAB.INTERPRETATION_CONTRADICTS_LIMIT',
      `${marker} ${value} against a limit of ${upperLimit} is not ${interpretation}`,
      { marker, value, upperLimit, interpretation },
    );
  }
}

export class KitAlreadyConcluded extends DomainError {
  constructor(marker: Marker, kit: string) {
    super(
      'LAB.KIT_ALREADY_CONCLUDED',
      `${marker} with ${kit} is already concluded; a wrong result is corrected, not recorded again`,
      { marker, kit },
    );
  }
}

export class AntibodiesWithNegativeScreen extends DomainError {
  constructor() {
    super('LAB.ANTIBODIES_WITH_NEGATIVE_SCREEN', 'A negative antibody screen identifies no antibodies');
  }
}

export class PhenotypeConflict extends DomainError {
  constructor(antigens: string[]) {
    super('LAB.PHENOTYPE_CONFLICT', `Antigens typed differently before: ${antigens.join(', ')}`, {
      antigens,
    });
  }
}

export class ConfirmatoryNotApplicable extends DomainError {
  constructor(marker: Marker, reason: string) {
    super('LAB.CONFIRMATORY_NOT_APPLICABLE', `No confirmatory test for ${marker}: ${reason}`, { marker });
  }
}

export class CorrectionNeedsSecondPerson extends DomainError {
  constructor() {
    super(
      'LAB.CORRECTION_NEEDS_SECOND_PERSON',
      'A correction is verified by a second person, not by the one who makes it',
    );
  }
}

export class ResultNotFound extends NotFoundError {
  constructor(din: string, resultId: string) {
    super('LAB.RESULT_NOT_FOUND', `No result ${resultId} on ${din}`, { din, resultId });
  }
}

export class CorrectionChangesNothing extends DomainError {
  constructor(resultId: string) {
    super('LAB.CORRECTION_CHANGES_NOTHING', `The correction leaves result ${resultId} as it was`, {
      resultId,
    });
  }
}
