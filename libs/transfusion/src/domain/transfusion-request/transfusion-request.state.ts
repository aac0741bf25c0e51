import type { Antigen } from '@hemotrace/kernel';
import type { Imputability, ReactionCategory, RequestedProduct } from './transfusion-request.event-data';
import type { AllocationBasis, TransfusionRequestEvent, Urgency } from './transfusion-request.events';

export type RequestUnitStatus =
  'ALLOCATED' | 'ISSUED' | 'BEDSIDE_VERIFIED' | 'IN_PROGRESS' | 'TRANSFUSED' | 'RETURNED' | 'WASTED';

export interface RequestUnit {
  unitId: string;
  din: string;
  productCode: string;
  expiresAt: string;
  basis: AllocationBasis;
  sampleValidUntil: string | null;
  status: RequestUnitStatus;
  ward: string | null;
  startedAt: string | null;
  endedAt: string | null;
  volumeMl: number | null;
  /** The unit's latest step on this request and its business time: the next step cannot be dated before it. */
  lastStep: { step: string; at: string };
}

export interface RequestReaction {
  reactionId: string;
  category: ReactionCategory;
  severity: number;
  imputability: Imputability;
  unitIds: string[];
  onsetAt: string;
}

export type TransfusionRequestState =
  | { status: 'None' }
  | {
      status: 'Open';
      requestId: string;
      requestedAt: string;
      patientId: string;
      hospitalSiteId: string;
      product: RequestedProduct;
      quantity: number;
      urgency: Urgency;
      irradiated: boolean;
      leukoreduced: boolean;
      antigenNegative: Antigen[];
      crossmatches: { unitId: string; result: 'COMPATIBLE' | 'INCOMPATIBLE'; method: string }[];
      units: RequestUnit[];
      bedsideFailures: number;
      reactions: RequestReaction[];
    };

export type OpenRequest = Extract<TransfusionRequestState, { status: 'Open' }>;

export const initialRequestState: TransfusionRequestState = { status: 'None' };

const updateUnit = (state: OpenRequest, unitId: string, change: Partial<RequestUnit>): OpenRequest => ({
  ...state,
  units: state.units.map((u) => (u.unitId === unitId ? { ...u, ...change } : u)),
});

export const evolveRequest = (
  state: TransfusionRequestState,
  event: TransfusionRequestEvent,
): TransfusionRequestState => {
  if (event.type === 'TransfusionRequested') {
    const d = event.data;
    return {
      status: 'Open',
      requestId: d.requestId,
      requestedAt: d.requestedAt,
      patientId: d.patientId,
      hospitalSiteId: d.hospitalSiteId,
      product: d.product,
      quantity: d.quantity,
      urgency: d.urgency,
      irradiated: d.requirements.irradiated,
      leukoreduced: d.requirements.leukoreduced,
      antigenNegative: [
        ...new Set([...d.requirements.antigenNegative, ...d.requirements.derivedAntigenNegative]),
      ],
      crossmatches: [],
      units: [],
      bedsideFailures: 0,
      reactions: [],
    };
  }
  if (state.status !== 'Open') return state;
  switch (event.type) {
    case 'CrossmatchPerformed':
      return {
        ...state,
        crossmatches: [
          ...state.crossmatches,
          { unitId: event.data.unitId, result: event.data.result, method: event.data.method },
        ],
      };
    case 'EmergencyReleaseAuthorized':
      return state;
    case 'UnitAllocated': {
      const d = event.data;
      const unit: RequestUnit = {
        unitId: d.unitId,
        din: d.din,
        productCode: d.productCode,
        expiresAt: d.expiresAt,
        basis: d.basis,
        sampleValidUntil: d.sampleValidUntil,
        status: 'ALLOCATED',
        ward: null,
        startedAt: null,
        endedAt: null,
        volumeMl: null,
        lastStep: { step: 'allocation', at: d.allocatedAt },
      };
      return { ...state, units: [...state.units.filter((u) => u.unitId !== d.unitId), unit] };
    }
    case 'UnitIssuedToWard':
      return updateUnit(state, event.data.unitId, {
        status: 'ISSUED',
        ward: event.data.ward,
        lastStep: { step: 'issue', at: event.data.issuedAt },
      });
    case 'BedsideCheckPassed':
      return updateUnit(state, event.data.unitId, {
        status: 'BEDSIDE_VERIFIED',
        lastStep: { step: 'bedside check', at: event.data.checkedAt },
      });
    case 'BedsideCheckFailed':
      return { ...state, bedsideFailures: state.bedsideFailures + 1 };
    case 'TransfusionStarted':
      return updateUnit(state, event.data.unitId, {
        status: 'IN_PROGRESS',
        startedAt: event.data.startedAt,
        lastStep: { step: 'start of transfusion', at: event.data.startedAt },
      });
    case 'VitalSignsRecorded':
      return state;
    case 'UnitTransfused':
      return updateUnit(state, event.data.unitId, {
        status: 'TRANSFUSED',
        endedAt: event.data.endedAt,
        volumeMl: event.data.volumeMl,
        lastStep: { step: 'end of transfusion', at: event.data.endedAt },
      });
    case 'AdverseReactionReported':
      return {
        ...state,
        reactions: [
          ...state.reactions,
          {
            reactionId: event.data.reactionId,
            category: event.data.category,
            severity: event.data.severity,
            imputability: event.data.imputability,
            unitIds: event.data.unitIds,
            onsetAt: event.data.onsetAt,
          },
        ],
      };
    case 'TransfusionTransmittedInfectionSuspected':
      return state;
    case 'UnitReturnedToBloodBank':
      return updateUnit(state, event.data.unitId, { status: 'RETURNED' });
    case 'UnitWasted':
      return updateUnit(state, event.data.unitId, { status: 'WASTED' });
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
};

/** Units that count against the requested quantity: all but those returned or wasted. */
export const unitsHeld = (state: OpenRequest): RequestUnit[] =>
  state.units.filter((u) => u.status !== 'RETURNED' && u.status !== 'WASTED');
