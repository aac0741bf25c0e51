import type { BusinessTimePolicy } from '@hemotrace/kernel';
import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { PreparationMethod, ProductCategory, ProductType } from '../unit/unit.event-data';
import type { Procedure } from '@hemotrace/kernel';

export type EquipmentKind = 'FRIDGE' | 'FREEZER' | 'PLATELET_AGITATOR' | 'ROOM';
export type { ProductCategory };

export interface TemperatureRange {
  minC: number;
  maxC: number;
}

export interface ShelfLife {
  days?: number;
  hours?: number;
}

/** One product description code and how the product is kept. Data, not code: one table per profile. */
export interface ProductDefinition {
  descriptionCode: string;
  productType: ProductType;
  name: string;
  category: ProductCategory;
  irradiated: boolean;
  storage: TemperatureRange;
  shelfLife: ShelfLife;
  /** Hours after the end of collection within which it must be prepared (e.g. plasma frozen). */
  processingLimitHours?: number;
  /** Collection procedures it may be prepared from directly; none for products made only from units. */
  fromProcedures: Procedure[];
}

/** What a modification turns a product into, and whether the new expiry may pass the old one. */
export interface ModificationRule {
  method: PreparationMethod;
  from: ProductType;
  /** Target product type, or the same type irradiated. */
  to: ProductType | 'SAME_IRRADIATED';
  expiry: 'CAPPED_BY_PARENT' | 'NEW';
}

export interface ProductCatalog {
  profile: string;
  products: ProductDefinition[];
  modifications: ModificationRule[];
  /** Products that may be pooled and the pooled product they give. */
  pools: { from: ProductType[]; to: ProductType };
  /** Whole blood counted in units of this many mL (China: 200 mL = 1 unit), for red-cell statistics. */
  bloodUnitMl: number;
  /**
   * What the bag system adds to the blood collected, per 100 mL: the anticoagulant in the primary
   * bag (CPD/CPDA-1: 14 mL) and the red-cell additive solution (MAP/SAGM/AS-1: about 25 mL). The
   * components separated from one donation together hold at most the blood plus these.
   */
  bagSolutionsMlPer100Ml: { anticoagulant: number; additive: number };
  /** Future tolerance and late-entry threshold for the business times staff state by hand. */
  businessTime: BusinessTimePolicy;
}

const FRIDGE: TemperatureRange = { minC: 2, maxC: 6 };
const FROZEN_PLASMA: TemperatureRange = { minC: -80, maxC: -18 };
const DEEP_FROZEN: TemperatureRange = { minC: -200, maxC: -65 };
const PLATELETS: TemperatureRange = { minC: 20, maxC: 24 };

const product = (
  descriptionCode: string,
  productType: ProductType,
  name: string,
  category: ProductCategory,
  storage: TemperatureRange,
  shelfLife: ShelfLife,
  fromProcedures: Procedure[] = [],
  extra: Partial<ProductDefinition> = {},
): ProductDefinition => ({
  descriptionCode,
  productType,
  name,
  category,
  irradiated: false,
  storage,
  shelfLife,
  fromProcedures,
  ...extra,
});

/**
 * China 2019 defaults (GB 18469 / Blood Station Technical Operation Procedures 2019: storage and
 * shelf lives). The ISBT 128 description codes are illustrative, shaped like real ones (E0398...),
 * not taken from the ICCBBA product database.
 */
const CN_2019_PRODUCTS: ProductDefinition[] = [
  product('E0001', 'WHOLE_BLOOD', 'Whole blood, CPDA-1', 'WHOLE_BLOOD', FRIDGE, { days: 35 }, [
    'WHOLE_BLOOD',
  ]),
  product('E0398', 'SUSPENDED_RED_CELLS', 'Suspended red cells, MAP', 'RED_CELLS', FRIDGE, { days: 35 }, [
    'WHOLE_BLOOD',
  ]),
  product(
    'E0399',
    'SUSPENDED_RED_CELLS',
    'Irradiated suspended red cells',
    'RED_CELLS',
    FRIDGE,
    { days: 14 },
    [],
    {
      irradiated: true,
    },
  ),
  product(
    'E0450',
    'LEUKOREDUCED_RED_CELLS',
    'Leukoreduced suspended red cells',
    'RED_CELLS',
    FRIDGE,
    { days: 35 },
    ['WHOLE_BLOOD'],
  ),
  product(
    'E0451',
    'LEUKOREDUCED_RED_CELLS',
    'Irradiated leukoreduced red cells',
    'RED_CELLS',
    FRIDGE,
    { days: 14 },
    [],
    {
      irradiated: true,
    },
  ),
  product('E0560', 'WASHED_RED_CELLS', 'Washed red cells', 'RED_CELLS', FRIDGE, { hours: 24 }),
  product('E0610', 'FROZEN_RED_CELLS', 'Frozen red cells, glycerolized', 'RED_CELLS', DEEP_FROZEN, {
    days: 3650,
  }),
  product('E0640', 'DEGLYCEROLIZED_RED_CELLS', 'Deglycerolized red cells', 'RED_CELLS', FRIDGE, {
    hours: 24,
  }),
  product(
    'E2620',
    'FRESH_FROZEN_PLASMA',
    'Fresh frozen plasma',
    'PLASMA',
    FROZEN_PLASMA,
    { days: 365 },
    ['WHOLE_BLOOD', 'APHERESIS_PLASMA'],
    { processingLimitHours: 6 },
  ),
  product('E2730', 'FROZEN_PLASMA', 'Frozen plasma', 'PLASMA', FROZEN_PLASMA, { days: 1460 }, [
    'WHOLE_BLOOD',
    'APHERESIS_PLASMA',
  ]),
  product(
    'E3580',
    'CRYOPRECIPITATE',
    'Cryoprecipitated antihemophilic factor',
    'CRYO',
    FROZEN_PLASMA,
    { days: 365 },
    ['WHOLE_BLOOD'],
    { processingLimitHours: 6 },
  ),
  product(
    'E3700',
    'PLATELET_CONCENTRATE',
    'Platelet concentrate from whole blood',
    'PLATELETS',
    PLATELETS,
    { days: 5 },
    ['WHOLE_BLOOD'],
    { processingLimitHours: 24 },
  ),
  product('E3990', 'APHERESIS_PLATELETS', 'Apheresis platelets', 'PLATELETS', PLATELETS, { days: 5 }, [
    'APHERESIS_PLATELETS',
  ]),
  product(
    'E3991',
    'APHERESIS_PLATELETS',
    'Irradiated apheresis platelets',
    'PLATELETS',
    PLATELETS,
    { days: 5 },
    [],
    {
      irradiated: true,
    },
  ),
  product('E4010', 'POOLED_PLATELETS', 'Pooled platelets', 'PLATELETS', PLATELETS, { days: 5 }),
  product(
    'E4011',
    'POOLED_PLATELETS',
    'Irradiated pooled platelets',
    'PLATELETS',
    PLATELETS,
    { days: 5 },
    [],
    {
      irradiated: true,
    },
  ),
];

const CN_2019_MODIFICATIONS: ModificationRule[] = [
  {
    method: 'LEUKOREDUCTION',
    from: 'SUSPENDED_RED_CELLS',
    to: 'LEUKOREDUCED_RED_CELLS',
    expiry: 'CAPPED_BY_PARENT',
  },
  { method: 'IRRADIATION', from: 'SUSPENDED_RED_CELLS', to: 'SAME_IRRADIATED', expiry: 'CAPPED_BY_PARENT' },
  {
    method: 'IRRADIATION',
    from: 'LEUKOREDUCED_RED_CELLS',
    to: 'SAME_IRRADIATED',
    expiry: 'CAPPED_BY_PARENT',
  },
  { method: 'IRRADIATION', from: 'APHERESIS_PLATELETS', to: 'SAME_IRRADIATED', expiry: 'CAPPED_BY_PARENT' },
  { method: 'IRRADIATION', from: 'POOLED_PLATELETS', to: 'SAME_IRRADIATED', expiry: 'CAPPED_BY_PARENT' },
  { method: 'WASHING', from: 'SUSPENDED_RED_CELLS', to: 'WASHED_RED_CELLS', expiry: 'CAPPED_BY_PARENT' },
  { method: 'WASHING', from: 'LEUKOREDUCED_RED_CELLS', to: 'WASHED_RED_CELLS', expiry: 'CAPPED_BY_PARENT' },
  { method: 'FREEZING', from: 'SUSPENDED_RED_CELLS', to: 'FROZEN_RED_CELLS', expiry: 'NEW' },
  { method: 'FREEZING', from: 'LEUKOREDUCED_RED_CELLS', to: 'FROZEN_RED_CELLS', expiry: 'NEW' },
  { method: 'THAWING', from: 'FROZEN_RED_CELLS', to: 'DEGLYCEROLIZED_RED_CELLS', expiry: 'NEW' },
  { method: 'DEGLYCEROLIZATION', from: 'FROZEN_RED_CELLS', to: 'DEGLYCEROLIZED_RED_CELLS', expiry: 'NEW' },
];

const withOverrides = (
  products: ProductDefinition[],
  overrides: Record<string, Partial<ProductDefinition>>,
): ProductDefinition[] => products.map((p) => ({ ...p, ...(overrides[p.descriptionCode] ?? {}) }));

const CN_2019: ProductCatalog = {
  profile: 'CN-2019',
  products: CN_2019_PRODUCTS,
  modifications: CN_2019_MODIFICATIONS,
  pools: { from: ['PLATELET_CONCENTRATE', 'APHERESIS_PLATELETS'], to: 'POOLED_PLATELETS' },
  bloodUnitMl: 200,
  bagSolutionsMlPer100Ml: { anticoagulant: 14, additive: 25 },
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};

/** US (21 CFR 640 / AABB Standards): AS-1 red cells 42 days, FFP frozen within 8 h, irradiated red cells 28 days. */
const US_FDA: ProductCatalog = {
  ...CN_2019,
  profile: 'US-FDA',
  products: withOverrides(CN_2019_PRODUCTS, {
    E0398: { shelfLife: { days: 42 } },
    E0450: { shelfLife: { days: 42 } },
    E0399: { shelfLife: { days: 28 } },
    E0451: { shelfLife: { days: 28 } },
    E2620: { processingLimitHours: 8, storage: { minC: -80, maxC: -18 } },
  }),
};

/** EU (Council of Europe Guide): SAGM red cells 42 days, FFP 36 months at -25 C or colder. */
const EU: ProductCatalog = {
  ...CN_2019,
  profile: 'EU',
  products: withOverrides(CN_2019_PRODUCTS, {
    E0398: { shelfLife: { days: 42 } },
    E0450: { shelfLife: { days: 42 } },
    E2620: { shelfLife: { days: 1095 }, storage: { minC: -80, maxC: -25 } },
  }),
};

const CATALOGS: Record<string, ProductCatalog> = { 'CN-2019': CN_2019, 'US-FDA': US_FDA, EU };

export const catalogFor = (profile: string): ProductCatalog => CATALOGS[profile] ?? CN_2019;

export const findProduct = (
  catalog: ProductCatalog,
  descriptionCode: string,
): ProductDefinition | undefined => catalog.products.find((p) => p.descriptionCode === descriptionCode);

export const findProductOfType = (
  catalog: ProductCatalog,
  productType: ProductType,
  irradiated: boolean,
): ProductDefinition | undefined =>
  catalog.products.find((p) => p.productType === productType && p.irradiated === irradiated);

export const addShelfLife = (fromIso: string, shelfLife: ShelfLife): string =>
  new Date(
    new Date(fromIso).getTime() + ((shelfLife.days ?? 0) * 24 + (shelfLife.hours ?? 0)) * 3_600_000,
  ).toISOString();

export const CATEGORY_BY_TYPE: Record<ProductType, ProductCategory> = {
  WHOLE_BLOOD: 'WHOLE_BLOOD',
  SUSPENDED_RED_CELLS: 'RED_CELLS',
  LEUKOREDUCED_RED_CELLS: 'RED_CELLS',
  WASHED_RED_CELLS: 'RED_CELLS',
  FROZEN_RED_CELLS: 'RED_CELLS',
  DEGLYCEROLIZED_RED_CELLS: 'RED_CELLS',
  FRESH_FROZEN_PLASMA: 'PLASMA',
  FROZEN_PLASMA: 'PLASMA',
  CRYOPRECIPITATE: 'CRYO',
  PLATELET_CONCENTRATE: 'PLATELETS',
  APHERESIS_PLATELETS: 'PLATELETS',
  POOLED_PLATELETS: 'PLATELETS',
};
