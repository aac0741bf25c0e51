import { ConflictError, DomainError, NotFoundError } from '@hemotrace/kernel';
import type { Finding } from './donor-eligibility.rules';

export class DonorNotFound extends NotFoundError {
  constructor(donorId: string) {
    super('DONORS.DONOR_NOT_FOUND', `No donor ${donorId}`, { donorId });
  }
}

export class DonorAlreadyRegistered extends ConflictError {
  constructor(donorId: string) {
    super('DONORS.ALREADY_REGISTERED', `Donor ${donorId} is already registered`, { donorId });
  }
}

export class DuplicateDocument extends ConflictError {
  constructor(existingDonorId: string) {
    super('DONORS.DUPLICATE_DOCUMENT', 'A donor with this identity document is already registered', {
      existingDonorId,
    });
  }
}

export class BirthDateInFuture extends DomainError {
  constructor(birthDate: string) {
    super('DONORS.BIRTH_DATE_IN_FUTURE', `Birth date ${birthDate} is after today`, { birthDate });
  }
}

export class DonorCurrentlyDeferred extends DomainError {
  constructor(donorId: string, findings: Finding[]) {
    super('DONORS.DONOR_DEFERRED', `Donor ${donorId} is deferred and cannot be screened`, {
      donorId,
      reasons: findings,
    });
  }
}

export class QuestionnaireIncomplete extends DomainError {
  constructor(unanswered: string[], unknown: string[]) {
    super(
      'DONORS.QUESTIONNAIRE_INCOMPLETE',
      'Every question of the active profile must be answered, and only those',
      { unanswered, unknown },
    );
  }
}

export class DeferralNotFound extends NotFoundError {
  constructor(donorId: string, deferralId: string) {
    super('DONORS.DEFERRAL_NOT_FOUND', `Donor ${donorId} has no deferral ${deferralId}`, {
      donorId,
      deferralId,
    });
  }
}

export class PermanentDeferralCannotBeLifted extends DomainError {
  constructor(deferralId: string) {
    super('DONORS.PERMANENT_DEFERRAL_CANNOT_BE_LIFTED', `Deferral ${deferralId} is permanent`, {
      deferralId,
    });
  }
}

export class DeferralNotInForce extends DomainError {
  constructor(deferralId: string) {
    super('DONORS.DEFERRAL_NOT_IN_FORCE', `Deferral ${deferralId} was already lifted or has ended`, {
      deferralId,
    });
  }
}

export class InvalidDeferralPeriod extends DomainError {
  constructor(reason: string) {
    super('DONORS.INVALID_DEFERRAL_PERIOD', reason);
  }
}

export class DonorPersonalDataAlreadyErased extends ConflictError {
  constructor(donorId: string, erasedAt: string) {
    super(
      'DONORS.PERSONAL_DATA_ALREADY_ERASED',
      `The identity of donor ${donorId} was erased at ${erasedAt}`,
      {
        donorId,
        erasedAt,
      },
    );
  }
}
