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
  /**
   * The most the donation's components may hold together: the volume collected plus the bag's
   * anticoagulant and additive solutions (see the catalog's bagSolutionsMlPer100Ml).
   */
  separableVolumeMl: number;
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

export class ComponentVolumesExceedDonation extends DomainError {
  constructor(din: string, volumeMl: number, claimedMl: number, separableVolumeMl: number) {
    super(
      'COMP.COMPONENT_VOLUMES_EXCEED_DONATION',
      `Donation ${din}: ${volumeMl} mL more would make ${claimedMl + volumeMl} mL of components from at most ${separableVolumeMl} mL (blood collected plus bag solutions)`,
      { din, volumeMl, alreadyPreparedMl: claimedMl, separableVolumeMl },
    );
  }
}

/** Cryoprecipitate comes out of the plasma unit: it is not added to what the donation gave. */
const separatedVolume = (state: DonationProcessing): number =>
  state.claimed.filter((c) => c.family !== 'CRYO').reduce((sum, c) => sum + c.volumeMl, 0);

/**
 * China 2019 procedures 6 (component preparation): one whole-blood donation separates into one
 * unit of each component family (whole blood kept as is excludes every other); more than one of a
 * family is a division of that unit. Cryoprecipitate is made from the donation's plasma unit.
 * Volumes add up: the separated components hold no more than the blood and the bag solutions.
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
  } else if (separatedVolume(state) + cmd.volumeMl > cmd.separableVolumeMl) {
    throw new ComponentVolumesExceedDonation(
      cmd.din,
      cmd.volumeMl,
      separatedVolume(state),
      cmd.separableVolumeMl,
    );
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
