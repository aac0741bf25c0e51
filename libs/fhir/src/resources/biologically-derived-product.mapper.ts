import type { R5 } from '@smile-cdr/fhirts';
import type { UnitView } from '@hemotrace/components';
import { aboRhdLabelCode, COLLECTION_TYPES, isCollectionType, parseProductCode } from '@hemotrace/kernel';
import { concept, narrative, siteReference, SYSTEMS } from './fhir.systems';

/** What the unit's own row does not hold: when its donation was collected and how the product is kept. */
export interface UnitContext {
  collectedAt?: string;
  storage?: { minC: number; maxC: number };
  productName?: string;
}

const CATEGORY: Record<UnitView['category'], string> = {
  WHOLE_BLOOD: 'fluid',
  RED_CELLS: 'cells',
  PLATELETS: 'cells',
  PLASMA: 'fluid',
  CRYO: 'fluid',
};

const ABO_RHD_DISPLAY = (abo: string, rhd: string) => `${abo} RhD ${rhd === 'POS' ? 'positive' : 'negative'}`;

/** Only a released unit within its expiry may be issued; every other lifecycle status makes it unavailable. */
export const productStatusOf = (unit: UnitView, now: string): 'available' | 'unavailable' =>
  unit.status === 'Released' && unit.expiresAt > now && !unit.inTransitShipmentId
    ? 'available'
    : 'unavailable';

const celsius = (value: number): R5.Quantity => ({
  value,
  unit: '°C',
  system: SYSTEMS.ucum,
  code: 'Cel',
});

const property = (code: string, value: Partial<R5.BiologicallyDerivedProductProperty>, isbt = false) =>
  ({
    type: { coding: [{ system: isbt ? SYSTEMS.propertyType : SYSTEMS.hemotraceProperty, code }] },
    ...value,
  }) as R5.BiologicallyDerivedProductProperty;

/** One unit as a FHIR R5 BiologicallyDerivedProduct (ISBT 128 identifiers and codes). */
export const toBiologicallyDerivedProduct = (
  unit: UnitView,
  context: UnitContext,
  now: string,
): R5.BiologicallyDerivedProduct => {
  const code = parseProductCode(unit.productCode);
  const group = unit.abo && unit.rhd ? { abo: unit.abo, rhd: unit.rhd } : undefined;
  const properties: R5.BiologicallyDerivedProductProperty[] = [];
  if (group) {
    properties.push(
      property(
        'aborhd',
        {
          valueCodeableConcept: concept(
            [
              {
                system: SYSTEMS.isbt128Codes,
                code: aboRhdLabelCode(group as Parameters<typeof aboRhdLabelCode>[0]),
                display: ABO_RHD_DISPLAY(group.abo, group.rhd),
              },
            ],
            ABO_RHD_DISPLAY(group.abo, group.rhd),
          ),
        },
        true,
      ),
    );
  }
  if (isCollectionType(code.collectionType)) {
    properties.push(
      property(
        'collectiontype',
        {
          valueCodeableConcept: concept(
            [{ system: SYSTEMS.isbt128Codes, code: code.collectionType }],
            COLLECTION_TYPES[code.collectionType],
          ),
        },
        true,
      ),
    );
  }
  properties.push(
    property('lifecycle-status', {
      valueString: unit.statusReason ? `${unit.status}: ${unit.statusReason}` : unit.status,
    }),
  );
  properties.push(property('preparation-method', { valueString: unit.method }));
  properties.push(property('prepared-at', { valuePeriod: { start: unit.preparedAt } }));
  properties.push(
    property('volume', {
      valueQuantity: { value: unit.volumeMl, unit: 'mL', system: SYSTEMS.ucum, code: 'mL' },
    }),
  );
  if (unit.plateletDoses !== undefined) {
    properties.push(property('platelet-doses', { valueInteger: unit.plateletDoses }));
  }
  properties.push(
    property('storage-location', {
      valueString: unit.equipmentId ? `${unit.siteId} / ${unit.equipmentId}` : unit.siteId,
    }),
  );
  const preparedAt = unit.custodyChain[0]?.siteId ?? unit.siteId;
  return {
    resourceType: 'BiologicallyDerivedProduct',
    id: unit.unitId,
    meta: { lastUpdated: unit.updatedAt },
    text: narrative(
      `${context.productName ?? unit.productType} ${unit.din} ${unit.productCode}` +
        `${group ? `, ${ABO_RHD_DISPLAY(group.abo, group.rhd)}` : ''}, ${unit.status}, expires ${unit.expiresAt}`,
    ),
    productCategory: { system: SYSTEMS.productCategory, code: CATEGORY[unit.category] },
    productCode: concept(
      [
        {
          system: SYSTEMS.isbt128Codes,
          code: code.descriptionCode,
          ...(context.productName ? { display: context.productName } : {}),
        },
      ],
      unit.productType,
    ),
    ...(unit.parentUnitIds.length > 0
      ? { parent: unit.parentUnitIds.map((id) => ({ reference: `BiologicallyDerivedProduct/${id}` })) }
      : {}),
    identifier: [{ system: SYSTEMS.isbt128Identifier, value: `${unit.din}${unit.productCode}` }],
    biologicalSourceEvent: { system: SYSTEMS.isbt128Identifier, value: unit.din },
    processingFacility: [siteReference(preparedAt)],
    division: code.division,
    productStatus: { system: SYSTEMS.productStatus, code: productStatusOf(unit, now) },
    expirationDate: unit.expiresAt,
    ...(context.collectedAt ? { collection: { collectedDateTime: context.collectedAt } } : {}),
    ...(context.storage
      ? {
          storageTempRequirements: {
            low: celsius(context.storage.minC),
            high: celsius(context.storage.maxC),
          },
        }
      : {}),
    property: properties,
  };
};
