import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import { DomainError } from '@hemotrace/kernel';
import type { PreparationMethod, UnitCause } from './unit.event-data';
import type { Procedure } from '@hemotrace/kernel';
import type { ProductCatalog, ProductDefinition } from '../catalog/product-catalog';

export interface DonationForPreparation {
  din: string;
  completed?: {
    donorId: string;
    procedure: Procedure;
    volumeMl: number;
    plateletDoses?: number;
    endedAt: string;
  };
  qualified?: { eventId: string; bloodGroup: BloodGroup; phenotype?: Phenotype };
  rejected?: { eventId: string };
}

export class DonationNotCompleted extends DomainError {
  constructor(din: string) {
    super(
      'COMP.DONATION_NOT_COMPLETED',
      `Donation ${din} has not been completed; components come from completed donations`,
      {
        din,
      },
    );
  }
}

export class DonationAlreadyRejected extends DomainError {
  constructor(din: string) {
    super('COMP.DONATION_REJECTED', `Donation ${din} was rejected by the laboratory`, { din });
  }
}

export class ProductNotFromProcedure extends DomainError {
  constructor(descriptionCode: string, procedure: Procedure) {
    super(
      'COMP.PRODUCT_NOT_FROM_PROCEDURE',
      `${descriptionCode} is not prepared from a ${procedure} donation`,
      {
        descriptionCode,
        procedure,
      },
    );
  }
}

export interface PreparationPlan {
  donorId: string;
  method: PreparationMethod;
  collectionEndedAt: string;
  /** The most this donation's components may hold together (blood collected plus bag solutions). */
  separableVolumeMl: number;
  bloodUnits?: number;
  plateletDoses?: number;
  qualification?: { bloodGroup: BloodGroup; phenotype?: Phenotype; cause: UnitCause };
}

/** Whole blood kept as is holds the blood and its anticoagulant; separated, the additive solution too. */
export const separableVolumeMl = (
  collectedMl: number,
  keptAsIs: boolean,
  catalog: ProductCatalog,
): number => {
  const { anticoagulant, additive } = catalog.bagSolutionsMlPer100Ml;
  return Math.floor((collectedMl * (100 + anticoagulant + (keptAsIs ? 0 : additive))) / 100);
};

/**
 * China 2019 procedures 6.1: components are prepared only from a completed collection, of a product
 * that procedure can give; a donation the laboratory rejected is never processed further.
 */
export const componentMayBePrepared = (
  donation: DonationForPreparation | null,
  din: string,
  product: ProductDefinition,
  catalog: ProductCatalog,
): PreparationPlan => {
  if (!donation?.completed) throw new DonationNotCompleted(din);
  if (donation.rejected) throw new DonationAlreadyRejected(din);
  const { procedure } = donation.completed;
  if (!product.fromProcedures.includes(procedure))
    throw new ProductNotFromProcedure(product.descriptionCode, procedure);
  const q = donation.qualified;
  return {
    donorId: donation.completed.donorId,
    method:
      product.productType === 'WHOLE_BLOOD'
        ? 'COLLECTED_AS_IS'
        : procedure === 'WHOLE_BLOOD'
          ? 'SEPARATION'
          : 'APHERESIS',
    collectionEndedAt: donation.completed.endedAt,
    separableVolumeMl: separableVolumeMl(
      donation.completed.volumeMl,
      product.productType === 'WHOLE_BLOOD',
      catalog,
    ),
    ...(procedure === 'WHOLE_BLOOD' && product.category !== 'PLASMA' && product.category !== 'CRYO'
      ? { bloodUnits: donation.completed.volumeMl / catalog.bloodUnitMl }
      : {}),
    ...(product.productType === 'APHERESIS_PLATELETS' && donation.completed.plateletDoses !== undefined
      ? { plateletDoses: donation.completed.plateletDoses }
      : {}),
    ...(q
      ? {
          qualification: {
            bloodGroup: q.bloodGroup,
            ...(q.phenotype ? { phenotype: q.phenotype } : {}),
            cause: { type: 'DonationQualified', eventId: q.eventId },
          },
        }
      : {}),
  };
};
