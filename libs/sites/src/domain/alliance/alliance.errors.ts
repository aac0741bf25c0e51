import { ConflictError, DomainError, NotFoundError } from '@hemotrace/kernel';

const fail = (code: string) =>
  class extends DomainError {
    constructor(message: string, details: Record<string, unknown> = {}) {
      super(code, message, details);
    }
  };

export class AllianceNotFound extends NotFoundError {
  constructor(allianceId: string) {
    super('SITES.ALLIANCE_NOT_FOUND', `No alliance ${allianceId}`, { allianceId });
  }
}

export class AllianceAlreadyFormed extends ConflictError {
  constructor(allianceId: string) {
    super('SITES.ALLIANCE_ALREADY_FORMED', `Alliance ${allianceId} is already formed`, { allianceId });
  }
}

export class AllianceNeedsTwoMembers extends fail('SITES.ALLIANCE_NEEDS_TWO_MEMBERS') {}
export class MemberNotRegistered extends fail('SITES.MEMBER_NOT_REGISTERED') {}
export class MemberNotABloodCenter extends fail('SITES.MEMBER_NOT_A_BLOOD_CENTER') {}
export class MemberInactive extends fail('SITES.SITE_INACTIVE') {}
export class AlreadyAMember extends fail('SITES.ALREADY_A_MEMBER') {}
export class NotAMember extends fail('SITES.NOT_A_MEMBER') {}
