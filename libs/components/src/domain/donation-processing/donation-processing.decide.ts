import type { Decider } from '@hemotrace/event-sourcing';
import { ConflictError, DomainError } from '@hemotrace/kernel';
import type { ProductCategory } from '../catalog/product-catalog';

/**
 * `DonationProcessing-<din>`: which component families a whole-blood donation has given, written
 * before the unit stream so the rule is decided on one stream with its expected version.
 */
export interface ComponentFamilyClaimed {
  type: 'ComponentFamilyClaimed';
  data: {
    din: string;
    family: ProductCategory;
    unitId: string;
    volumeMl: number;
    /** Cryoprecipitate: the plasma unit it is made from. */
    fromUnitId?: string;
    claimedAt: string;
  };
}

export type DonationProcessingEvent = ComponentFamilyClaimed;

export interface DonationProcessing {
  claimed: { family: ProductCategory; unitId: string; volumeMl: number }[];
}

export interface ClaimComponentFamily {
  type: 'ClaimComponentFamily';
  din: string;
  family: ProductCategory;
  unitId: string;
  volumeMl: number;
  at: string;
}

export class ComponentFamilyAlreadyPrepared extends ConflictError {
  constructor(din: string, family: ProductCategory, unitId: string) {
    super(
      'COMP.COMPONENT_FAMILY_ALREADY_PREPARED',
      `Donation ${din} already gave its ${family.toLowerCase().replace('_', ' ')} unit ${unitId}; divide that unit instead`,
      { din, family, unitId },
    );
  }
}

export class CryoNeedsPlasmaUnit extends DomainError {
  constructor(din: string) {
    super(
      'COMP.CRYO_NEEDS_PLASMA_UNIT',
      `Cryoprecipitate of ${din} is made from its plasma unit; prepare the plasma first`,
      { din },
    );
  }
}

export class CryoExceedsPlasma extends DomainError {
  constructor(din: string, volumeMl: number, plasmaMl: number) {
    super(
      'COMP.COMPONENT_VOLUMES_EXCEED_DONATION',
      `Cryoprecipitate of ${din}: ${volumeMl} mL from ${plasmaMl} mL of plasma`,
      {
        din,
        volumeMl,
        plasmaMl,
      },
    );
  }
}

/**
 * China 2019 procedures 6 (component preparation): one whole-blood donation separates into one
 * unit of each component family (whole blood kept as is excludes every other); more than one of a
 * family is a division of that unit. Cryoprecipitate is made from the donation's plasma unit.
 */
export const claimComponentFamily = (
  cmd: ClaimComponentFamily,
  state: DonationProcessing,
): DonationProcessingEvent[] => {
  const same = state.claimed.find((c) => c.unitId === cmd.unitId);
  if (same) return [];
  const conflicting = state.claimed.find(
    (c) => c.family === cmd.family || c.family === 'WHOLE_BLOOD' || cmd.family === 'WHOLE_BLOOD',
  );
  if (conflicting) throw new ComponentFamilyAlreadyPrepared(cmd.din, conflicting.family, conflicting.unitId);
  let fromUnitId: string | undefined;
  if (cmd.family === 'CRYO') {
    const plasma = state.claimed.find((c) => c.family === 'PLASMA');
    if (!plasma) throw new CryoNeedsPlasmaUnit(cmd.din);
    if (cmd.volumeMl > plasma.volumeMl) throw new CryoExceedsPlasma(cmd.din, cmd.volumeMl, plasma.volumeMl);
    fromUnitId = plasma.unitId;
  }
  return [
    {
      type: 'ComponentFamilyClaimed',
      data: {
        din: cmd.din,
        family: cmd.family,
        unitId: cmd.unitId,
        volumeMl: cmd.volumeMl,
        ...(fromUnitId ? { fromUnitId } : {}),
        claimedAt: cmd.at,
      },
    },
  ];
};

export const donationProcessingDecider: Decider<
  ClaimComponentFamily,
  DonationProcessingEvent,
  DonationProcessing
> = {
  initialState: { claimed: [] },
  evolve: (state, event) => ({
    claimed: [
      ...state.claimed,
      { family: event.data.family, unitId: event.data.unitId, volumeMl: event.data.volumeMl },
    ],
  }),
  decide: (command, state) => claimComponentFamily(command, state),
};
