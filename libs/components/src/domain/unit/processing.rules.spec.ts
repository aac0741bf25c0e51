import type { BloodGroup } from '@hemotrace/kernel';
import type { ProcessingContext } from './processing.rules';
import {
  DivisionInvalid,
  FreezingTemperatureTooHigh,
  ModificationNotApplicable,
  planDivision,
  planModification,
  planPool,
  PoolInvalid,
} from './processing.rules';
import type { Unit } from './unit.state';
import { at, catalog, DIN, O_POS, RED } from './unit.fixtures';

const ctx: ProcessingContext = { catalog, siteId: 'BC-1', equipmentId: 'EQ-1', at: at(48) };

const unit = (overrides: Partial<Unit> = {}): Unit => ({
  status: 'Released',
  unitId: RED,
  din: DIN,
  donorId: 'donor-1',
  productCode: 'E0398V00',
  descriptionCode: 'E0398',
  productType: 'SUSPENDED_RED_CELLS',
  bloodGroup: O_POS,
  volumeMl: 280,
  bloodUnits: 2,
  expiresAt: at(35 * 24),
  preparedAt: at(1),
  sourceDins: [DIN],
  qualified: true,
  holds: {},
  custody: { siteId: 'BC-1', custodianType: 'BLOOD_CENTER' },
  custodyFacts: [],
  hospitalCauses: [],
  returned: false,
  ...overrides,
});

const platelets = (din: string, group: BloodGroup = O_POS) =>
  unit({
    unitId: `${din}-E3700V00`,
    din,
    donorId: `donor-${din}`,
    productCode: 'E3700V00',
    descriptionCode: 'E3700',
    productType: 'PLATELET_CONCENTRATE',
    volumeMl: 50,
    bloodUnits: 2,
    expiresAt: at(5 * 24),
    sourceDins: [din],
    bloodGroup: group,
  });

describe('dividing a unit', () => {
  it('gives divisions A0 and B0 with their volumes, the parent recorded and the parent expiry kept', () => {
    const [a, b] = planDivision(unit(), [140, 140], ctx);
    expect(a).toMatchObject({
      unitId: `${DIN}-E0398VA0`,
      productCode: 'E0398VA0',
      volumeMl: 140,
      bloodUnits: 1,
      parentUnitIds: [RED],
      method: 'DIVISION',
      expiryCap: at(35 * 24),
    });
    expect(b.unitId).toBe(`${DIN}-E0398VB0`);
  });

  it('refuses divisions larger than the unit, a single division and dividing a division', () => {
    expect(() => planDivision(unit(), [200, 200], ctx)).toThrow(DivisionInvalid);
    expect(() => planDivision(unit(), [100], ctx)).toThrow(DivisionInvalid);
    expect(() => planDivision(unit({ productCode: 'E0398VA0' }), [50, 50], ctx)).toThrow(DivisionInvalid);
  });
});

describe('pooling platelets', () => {
  it('makes a pool under a new DIN with every parent, every source DIN and the earliest expiry', () => {
    const pool = planPool([platelets('A999925000001'), platelets('A999925000002')], 'A999925900001', ctx);
    expect(pool).toMatchObject({
      unitId: 'A999925900001-E4010V00',
      method: 'POOLING',
      volumeMl: 100,
      bloodUnits: 4,
      parentUnitIds: ['A999925000001-E3700V00', 'A999925000002-E3700V00'],
      sourceDins: ['A999925000001', 'A999925000002'],
      bloodGroup: O_POS,
      expiryCap: at(5 * 24),
    });
  });

  it('refuses one unit, a unit twice, red cells, mixed groups and reusing a parent DIN', () => {
    const p1 = platelets('A999925000001');
    expect(() => planPool([p1], 'A999925900001', ctx)).toThrow(PoolInvalid);
    expect(() => planPool([p1, p1], 'A999925900001', ctx)).toThrow(PoolInvalid);
    expect(() => planPool([p1, unit()], 'A999925900001', ctx)).toThrow(PoolInvalid);
    expect(() =>
      planPool([p1, platelets('A999925000002', { abo: 'A', rhd: 'POS' })], 'A999925900001', ctx),
    ).toThrow(PoolInvalid);
    expect(() => planPool([p1, platelets('A999925000002')], 'A999925000001', ctx)).toThrow(PoolInvalid);
  });
});

describe('modifying a unit', () => {
  it('irradiation gives the irradiated product code, capped by the parent expiry', () => {
    expect(planModification(unit(), 'IRRADIATION', ctx)).toMatchObject({
      unitId: `${DIN}-E0399V00`,
      productCode: 'E0399V00',
      method: 'IRRADIATION',
      equipmentId: 'EQ-1',
      expiryCap: at(35 * 24),
    });
  });

  it('refuses to irradiate twice or to wash plasma', () => {
    expect(() =>
      planModification(unit({ descriptionCode: 'E0399', productCode: 'E0399V00' }), 'IRRADIATION', ctx),
    ).toThrow(ModificationNotApplicable);
    expect(() =>
      planModification(
        unit({ productType: 'FRESH_FROZEN_PLASMA', descriptionCode: 'E2620' }),
        'WASHING',
        ctx,
      ),
    ).toThrow(ModificationNotApplicable);
  });

  it('freezes red cells only at -65 C or colder, with a new 10-year expiry', () => {
    expect(() => planModification(unit(), 'FREEZING', ctx, { temperatureC: -40 })).toThrow(
      FreezingTemperatureTooHigh,
    );
    expect(() => planModification(unit(), 'FREEZING', ctx)).toThrow(FreezingTemperatureTooHigh);
    expect(planModification(unit(), 'FREEZING', ctx, { temperatureC: -80 })).toMatchObject({
      productCode: 'E0610V00',
      expiryCap: undefined,
    });
  });

  it('deglycerolizes frozen red cells into a 24-hour product', () => {
    const frozen = unit({
      productType: 'FROZEN_RED_CELLS',
      descriptionCode: 'E0610',
      productCode: 'E0610V00',
    });
    expect(planModification(frozen, 'DEGLYCEROLIZATION', ctx)).toMatchObject({
      productCode: 'E0640V00',
      product: { shelfLife: { hours: 24 } },
    });
  });
});
