import { DomainError } from '@hemotrace/kernel';

export class InvestigationAlreadyOpened extends DomainError {
  constructor(investigationId: string) {
    super('TRACE.INVESTIGATION_EXISTS', `Investigation ${investigationId} is already open`, {
      investigationId,
    });
  }
}

export class InvestigationNotOpen extends DomainError {
  constructor(investigationId: string, status: string) {
    super('TRACE.INVESTIGATION_NOT_OPEN', `Investigation ${investigationId} is ${status}`, {
      investigationId,
      status,
    });
  }
}

export class MarkerNotSubjectToLookback extends DomainError {
  constructor(marker: string, profile: string) {
    super(
      'TRACE.MARKER_NOT_SUBJECT_TO_LOOKBACK',
      `A confirmed ${marker} result does not start a lookback under ${profile}`,
      {
        marker,
        profile,
      },
    );
  }
}

export class NotAConsignee extends DomainError {
  constructor(siteId: string) {
    super('TRACE.NOT_A_CONSIGNEE', `Site ${siteId} received no unit in this investigation`, { siteId });
  }
}

export class ConsigneeNotYetNotified extends DomainError {
  constructor(siteId: string) {
    super('TRACE.CONSIGNEE_NOT_NOTIFIED', `Site ${siteId} has not been notified yet`, { siteId });
  }
}

export class UnitNotInInvestigation extends DomainError {
  constructor(unitId: string) {
    super('TRACE.UNIT_NOT_IN_INVESTIGATION', `Unit ${unitId} is not part of this investigation`, { unitId });
  }
}

export class ConsigneesOutstanding extends DomainError {
  constructor(siteIds: string[]) {
    super('TRACE.CONSIGNEES_OUTSTANDING', `Consignees have not acknowledged: ${siteIds.join(', ')}`, {
      siteIds,
    });
  }
}

export class RecallMatchesNothing extends DomainError {
  constructor() {
    super('TRACE.RECALL_MATCHES_NOTHING', 'No unit matches the recall criteria');
  }
}
