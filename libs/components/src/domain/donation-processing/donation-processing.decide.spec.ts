import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { ProductCategory } from '../catalog/product-catalog';
import type { ClaimComponentFamily, DonationProcessingEvent } from './donation-processing.decide';
import {
  ComponentFamilyAlreadyPrepared,
  CryoExceedsPlasma,
  ComponentVolumesExceedDonation,
  CryoNeedsPlasmaUnit,
  donationProcessingDecider,
} from './donation-processing.decide';

const given = DeciderSpecification.for(donationProcessingDecider);
const din = 'A999926000001';
const at = '2026-03-01T10:00:00.000Z';
const claim = (family: ProductCategory, code: string, volumeMl: number): ClaimComponentFamily => ({
  type: 'ClaimComponentFamily',
  din,
  family,
  unitId: `${din}-${code}V00`,
  volumeMl,
  /* 400 mL collected with 14 mL/100 mL anticoagulant and 25 mL/100 mL additive solution */
  separableVolumeMl: 556,
  at,
});
const claimed = (
  family: ProductCategory,
  code: string,
  volumeMl: number,
  fromUnitId?: string,
): DonationProcessingEvent => ({
  type: 'ComponentFamilyClaimed',
  data: {
    din,
    family,
    unitId: `${din}-${code}V00`,
    volumeMl,
    ...(fromUnitId ? { fromUnitId } : {}),
    claimedAt: at,
  },
});

describe('the components of one whole-blood donation', () => {
  it('gives one red-cell, one plasma and one platelet unit', () => {
    given([claimed('RED_CELLS', 'E0398', 280), claimed('PLATELETS', 'E3700', 40)])
      .when(claim('PLASMA', 'E2620', 220))
      .then([claimed('PLASMA', 'E2620', 220)]);
  });

  it('refuses frozen plasma once fresh frozen plasma was made from it', () => {
    given([claimed('PLASMA', 'E2620', 220)])
      .when(claim('PLASMA', 'E2730', 220))
      .thenThrows(ComponentFamilyAlreadyPrepared, 'COMP.COMPONENT_FAMILY_ALREADY_PREPARED');
  });

  it('keeps whole blood as is only when nothing else was separated, and the reverse', () => {
    given([claimed('WHOLE_BLOOD', 'E0001', 400)])
      .when(claim('RED_CELLS', 'E0398', 280))
      .thenThrows(ComponentFamilyAlreadyPrepared, 'COMP.COMPONENT_FAMILY_ALREADY_PREPARED');
    given([claimed('RED_CELLS', 'E0398', 280)])
      .when(claim('WHOLE_BLOOD', 'E0001', 400))
      .thenThrows(ComponentFamilyAlreadyPrepared, 'COMP.COMPONENT_FAMILY_ALREADY_PREPARED');
  });

  it('makes cryoprecipitate from the plasma unit, as its child, and not more than it', () => {
    given([])
      .when(claim('CRYO', 'E3580', 25))
      .thenThrows(CryoNeedsPlasmaUnit, 'COMP.CRYO_NEEDS_PLASMA_UNIT');
    given([claimed('PLASMA', 'E2620', 220)])
      .when(claim('CRYO', 'E3580', 25))
      .then([claimed('CRYO', 'E3580', 25, `${din}-E2620V00`)]);
    given([claimed('PLASMA', 'E2620', 20)])
      .when(claim('CRYO', 'E3580', 25))
      .thenThrows(CryoExceedsPlasma, 'COMP.COMPONENT_VOLUMES_EXCEED_DONATION');
  });

  it('adds nothing for a retried preparation of the same unit', () => {
    given([claimed('PLASMA', 'E2620', 220)])
      .when(claim('PLASMA', 'E2620', 220))
      .thenNothingHappens();
  });
});

describe('the volumes of the components of one donation add up', () => {
  const redCells = claimed('RED_CELLS', 'E0398', 300);
  const plasma = claimed('PLASMA', 'E2555', 200);

  it('separates red cells, plasma and platelets within the blood and bag solutions', () => {
    given([redCells, plasma])
      .when(claim('PLATELETS', 'E3088', 56))
      .then([claimed('PLATELETS', 'E3088', 56)]);
  });

  it('refuses a component that would make more than the donation can hold', () => {
    given([redCells, plasma])
      .when(claim('PLATELETS', 'E3088', 57))
      .thenThrows(ComponentVolumesExceedDonation, 'COMP.COMPONENT_VOLUMES_EXCEED_DONATION');
  });

  it('does not count cryoprecipitate again: it is taken out of the plasma unit', () => {
    const full = claimed('PLATELETS', 'E3088', 56);
    given([redCells, plasma, full])
      .when(claim('CRYO', 'E5165', 40))
      .then([claimed('CRYO', 'E5165', 40, `${din}-E2555V00`)]);
  });
});
