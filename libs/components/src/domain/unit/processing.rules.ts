import type { PreparationMethod } from './unit.event-data';
import { DomainError, formatProductCode, parseProductCode, unitId as makeUnitId } from '@hemotrace/kernel';
import type { ProductCatalog, ProductDefinition } from '../catalog/product-catalog';
import { findProduct, findProductOfType } from '../catalog/product-catalog';
import type { PrepareUnit } from './unit.decide';
import type { Unit } from './unit.state';

export interface ProcessingContext {
  catalog: ProductCatalog;
  siteId: string;
  equipmentId: string;
  at: string;
}

export class DivisionInvalid extends DomainError {
  constructor(unitId: string, reason: string) {
    super('COMP.DIVISION_INVALID', `Unit ${unitId} cannot be divided: ${reason}`, { unitId, reason });
  }
}

export class PoolInvalid extends DomainError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super('COMP.POOL_INVALID', `These units cannot be pooled: ${reason}`, details);
  }
}

export class ModificationNotApplicable extends DomainError {
  constructor(unitId: string, method: PreparationMethod, productType: string) {
    super('COMP.MODIFICATION_NOT_APPLICABLE', `${method} does not apply to ${productType} (unit ${unitId})`, {
      unitId,
      method,
      productType,
    });
  }
}

export class FreezingTemperatureTooHigh extends DomainError {
  constructor(temperatureC: number | undefined, maxC: number) {
    super(
      'COMP.FREEZING_TEMPERATURE_TOO_HIGH',
      `Red cells are frozen at ${maxC} C or colder; recorded ${temperatureC ?? 'nothing'}`,
      { temperatureC: temperatureC ?? null, maxC },
    );
  }
}

export class UnknownProduct extends DomainError {
  constructor(descriptionCode: string) {
    super('COMP.UNKNOWN_PRODUCT', `Product description code ${descriptionCode} is not in the catalog`, {
      descriptionCode,
    });
  }
}

const productOf = (catalog: ProductCatalog, unit: Unit): ProductDefinition => {
  const product = findProduct(catalog, unit.descriptionCode);
  if (!product) throw new UnknownProduct(unit.descriptionCode);
  return product;
};

const derived = (
  parents: Unit[],
  ctx: ProcessingContext,
  method: PreparationMethod,
  fields: Pick<PrepareUnit, 'din' | 'product' | 'productCode' | 'volumeMl'> & Partial<PrepareUnit>,
): PrepareUnit => {
  const first = parents[0];
  return {
    type: 'PrepareUnit',
    unitId: makeUnitId(fields.din, fields.productCode),
    donorId: first.donorId,
    bloodGroup: first.bloodGroup,
    phenotype: first.phenotype,
    plateletDoses: first.plateletDoses,
    bloodUnits: first.bloodUnits,
    siteId: ctx.siteId,
    equipmentId: ctx.equipmentId,
    method,
    parentUnitIds: parents.map((p) => p.unitId),
    sourceDins: [...new Set(parents.flatMap((p) => p.sourceDins))],
    preparedAt: ctx.at,
    expiryCap: parents.map((p) => p.expiresAt).sort()[0],
    parentsReleased: true,
    ...fields,
  };
};

const DIVISION_CODES = ['A0', 'B0', 'C0', 'D0'];

/** ISBT 128 ST-001 product code divisions: an undivided unit splits into at most 4 divisions A0-D0. */
export const planDivision = (parent: Unit, volumesMl: number[], ctx: ProcessingContext): PrepareUnit[] => {
  const code = parseProductCode(parent.productCode);
  if (code.division !== '00')
    throw new DivisionInvalid(parent.unitId, 'only an undivided unit (00) is divided');
  if (volumesMl.length < 2 || volumesMl.length > DIVISION_CODES.length) {
    throw new DivisionInvalid(parent.unitId, `2 to ${DIVISION_CODES.length} divisions`);
  }
  const total = volumesMl.reduce((sum, v) => sum + v, 0);
  if (total > parent.volumeMl) {
    throw new DivisionInvalid(
      parent.unitId,
      `divisions total ${total} mL, the unit holds ${parent.volumeMl} mL`,
    );
  }
  const product = productOf(ctx.catalog, parent);
  const doses = parent.plateletDoses;
  return volumesMl.map((volumeMl, i) => {
    const productCode = formatProductCode({ ...code, division: DIVISION_CODES[i] });
    return derived([parent], ctx, 'DIVISION', {
      din: parent.din,
      product,
      productCode,
      volumeMl,
      plateletDoses:
        doses !== undefined && doses % volumesMl.length === 0 ? doses / volumesMl.length : undefined,
      bloodUnits:
        parent.bloodUnits !== undefined
          ? Math.round((parent.bloodUnits * volumeMl * 100) / parent.volumeMl) / 100
          : undefined,
      expiryCap: parent.expiresAt,
    });
  });
};

/** AABB 5.7.4 / China 2019 7.3: a pool is of one product type and one ABO/RhD group; every parent is recorded. */
export const planPool = (parents: Unit[], poolDin: string, ctx: ProcessingContext): PrepareUnit => {
  if (parents.length < 2) throw new PoolInvalid('a pool needs at least 2 units');
  if (new Set(parents.map((p) => p.unitId)).size !== parents.length)
    throw new PoolInvalid('a unit is listed twice');
  const notPoolable = parents.filter((p) => !ctx.catalog.pools.from.includes(p.productType));
  if (notPoolable.length > 0) {
    throw new PoolInvalid('product type not poolable', { unitIds: notPoolable.map((p) => p.unitId) });
  }
  const groups = new Set(
    parents.map((p) => (p.bloodGroup ? `${p.bloodGroup.abo}${p.bloodGroup.rhd}` : 'unknown')),
  );
  if (groups.size !== 1 || groups.has('unknown')) {
    throw new PoolInvalid('parents differ in ABO/RhD group', { groups: [...groups] });
  }
  if (parents.some((p) => p.din === poolDin))
    throw new PoolInvalid('a pool gets a new DIN of its own', { poolDin });
  const product = findProductOfType(ctx.catalog, ctx.catalog.pools.to, false);
  if (!product) throw new UnknownProduct(ctx.catalog.pools.to);
  const code = parseProductCode(parents[0].productCode);
  const sum = (values: (number | undefined)[]) =>
    values.every((v) => v === undefined) ? undefined : values.reduce<number>((s, v) => s + (v ?? 0), 0);
  return derived(parents, ctx, 'POOLING', {
    din: poolDin,
    product,
    productCode: formatProductCode({
      descriptionCode: product.descriptionCode,
      collectionType: code.collectionType,
      division: '00',
    }),
    volumeMl: parents.reduce((s, p) => s + p.volumeMl, 0),
    plateletDoses: sum(parents.map((p) => p.plateletDoses)),
    bloodUnits: sum(parents.map((p) => p.bloodUnits)),
  });
};

/**
 * China 2019 7.4-7.7 (leukoreduction, irradiation, washing, freezing/thawing): each modification
 * gives a new product code and expiry; frozen red cells are kept at -65 C or colder.
 */
export const planModification = (
  parent: Unit,
  method: PreparationMethod,
  ctx: ProcessingContext,
  options: { temperatureC?: number; volumeMl?: number } = {},
): PrepareUnit => {
  const current = productOf(ctx.catalog, parent);
  const rule = ctx.catalog.modifications.find(
    (m) =>
      m.method === method &&
      m.from === parent.productType &&
      !(m.to === 'SAME_IRRADIATED' && current.irradiated),
  );
  if (!rule) throw new ModificationNotApplicable(parent.unitId, method, parent.productType);
  const target =
    rule.to === 'SAME_IRRADIATED'
      ? findProductOfType(ctx.catalog, parent.productType, true)
      : findProductOfType(ctx.catalog, rule.to, false);
  if (!target) throw new ModificationNotApplicable(parent.unitId, method, parent.productType);
  if (
    method === 'FREEZING' &&
    !(options.temperatureC !== undefined && options.temperatureC <= target.storage.maxC)
  ) {
    throw new FreezingTemperatureTooHigh(options.temperatureC, target.storage.maxC);
  }
  const code = parseProductCode(parent.productCode);
  return derived([parent], ctx, method, {
    din: parent.din,
    product: target,
    productCode: formatProductCode({ ...code, descriptionCode: target.descriptionCode }),
    volumeMl: options.volumeMl ?? parent.volumeMl,
    expiryCap: rule.expiry === 'CAPPED_BY_PARENT' ? parent.expiresAt : undefined,
  });
};
