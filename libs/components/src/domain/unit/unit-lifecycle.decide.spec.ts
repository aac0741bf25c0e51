import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { RecordHospitalUse } from './unit.decide';
import { unitDecider } from './unit.decide';
import { UnitAlreadyFinal, UnitNotAtSite } from './unit.errors';
import type { UnitEvent } from './unit.events';
import {
  at,
  HOSPITAL,
  issuedToHospital,
  prepared,
  qualified,
  RED,
  released,
  transfusedCause,
  transfusionRecorded,
} from './unit.fixtures';
import { lifecycleOf } from './unit.state';

const given = DeciderSpecification.for(unitDecider);

const inStock = (): UnitEvent[] => [prepared(), qualified(), released()];
const transfuse = (overrides: Partial<RecordHospitalUse> = {}): RecordHospitalUse => ({
  type: 'RecordUnitTransfused',
  requestId: 'REQ-1',
  hospitalSiteId: HOSPITAL,
  cause: transfusedCause,
  at: at(30),
  ...overrides,
});
const lifecycle = (events: UnitEvent[]) => {
  const state = events.reduce(unitDecider.evolve, unitDecider.initialState);
  if (state.status === 'None') throw new Error('no unit');
  return lifecycleOf(state);
};

describe('one unit, one lifecycle', () => {
  it('knows where the unit stands at every step, from stock to the patient', () => {
    expect(lifecycle([prepared()])).toBe('Quarantined');
    expect(lifecycle(inStock())).toBe('InStock');
    expect(lifecycle([...inStock(), issuedToHospital()[0]])).toBe('InTransit');
    expect(lifecycle([...inStock(), ...issuedToHospital()])).toBe('AtHospital');
    const allocated: UnitEvent = {
      type: 'UnitAllocatedToPatient',
      data: {
        unitId: RED,
        requestId: 'REQ-1',
        hospitalSiteId: HOSPITAL,
        allocatedAt: at(25),
        cause: transfusedCause,
      },
    };
    expect(lifecycle([...inStock(), ...issuedToHospital(), allocated])).toBe('Allocated');
    expect(lifecycle([...inStock(), ...issuedToHospital(), allocated, transfusionRecorded()])).toBe(
      'Transfused',
    );
    const returned: UnitEvent = {
      type: 'UnitCustodyTransferred',
      data: {
        unitId: RED,
        shipmentId: 'S-H',
        fromSiteId: HOSPITAL,
        toSiteId: 'BC-1',
        custodianType: 'BLOOD_CENTER',
        via: 'RETURNED',
        at: at(26),
      },
    };
    expect(lifecycle([...inStock(), ...issuedToHospital(), returned])).toBe('Returned');
  });

  it('records the transfusion the hospital reports for a unit it holds', () => {
    given([...inStock(), ...issuedToHospital()])
      .when(transfuse())
      .then([transfusionRecorded()]);
  });

  it('refuses a transfusion at a hospital that does not hold the unit', () => {
    given(inStock()).when(transfuse()).thenThrows(UnitNotAtSite, 'COMP.UNIT_NOT_AT_SITE');
    given([...inStock(), ...issuedToHospital()])
      .when(transfuse({ hospitalSiteId: 'HOSP-2' }))
      .thenThrows(UnitNotAtSite, 'COMP.UNIT_NOT_AT_SITE');
  });

  it('records a repeated transfusion report once, and refuses any other use of a transfused unit', () => {
    const transfused = [...inStock(), ...issuedToHospital(), transfusionRecorded()];
    given(transfused).when(transfuse()).thenNothingHappens();
    given(transfused)
      .when(transfuse({ type: 'RecordUnitAllocated', cause: { type: 'UnitAllocated', eventId: 'evt-a2' } }))
      .thenThrows(UnitAlreadyFinal, 'COMP.UNIT_ALREADY_FINAL');
    given(transfused)
      .when(transfuse({ requestId: 'REQ-2', cause: { type: 'UnitTransfused', eventId: 'evt-t2' } }))
      .thenThrows(UnitAlreadyFinal, 'COMP.UNIT_ALREADY_FINAL');
    given(transfused)
      .when(
        transfuse({
          type: 'RecordUnitWasted',
          reason: 'DAMAGED',
          cause: { type: 'UnitWasted', eventId: 'evt-w' },
        }),
      )
      .thenThrows(UnitAlreadyFinal, 'COMP.UNIT_ALREADY_FINAL');
  });

  it('never expires a transfused unit, even long past its expiry', () => {
    given([...inStock(), ...issuedToHospital(), transfusionRecorded()])
      .when({ type: 'ExpireUnit', at: at(400 * 24) })
      .thenNothingHappens();
  });

  it('lets excursions, recalls and automatic discards leave a transfused unit alone', () => {
    const transfused = [...inStock(), ...issuedToHospital(), transfusionRecorded()];
    given(transfused)
      .when({ type: 'QuarantineUnit', holdId: 'exc-9', reason: 'TEMPERATURE_EXCURSION', at: at(31) })
      .thenNothingHappens();
    given(transfused)
      .when({ type: 'QuarantineUnit', holdId: 'recall-1', reason: 'RECALL', at: at(31) })
      .thenNothingHappens();
    given(transfused)
      .when({ type: 'DiscardUnit', reason: 'RECALLED', automatic: true, at: at(31) })
      .thenNothingHappens();
    given(transfused)
      .when({ type: 'DiscardUnit', reason: 'DAMAGED', automatic: false, siteId: HOSPITAL, at: at(31) })
      .thenThrows(UnitAlreadyFinal, 'COMP.UNIT_ALREADY_FINAL');
  });

  it('refuses to issue a transfused unit again', () => {
    given([...inStock(), ...issuedToHospital(), transfusionRecorded()])
      .when({
        type: 'RecordUnitShipped',
        shipmentId: 'S-2',
        fromSiteId: HOSPITAL,
        toSiteId: 'HOSP-2',
        at: at(40),
      })
      .thenThrows(UnitAlreadyFinal, 'COMP.UNIT_ALREADY_FINAL');
  });

  it('records each shipment and receipt once, even when an old dispatch is replayed after the receipt', () => {
    const history = [...inStock(), ...issuedToHospital()];
    given(history)
      .when({
        type: 'RecordUnitShipped',
        shipmentId: 'S-H',
        fromSiteId: 'BC-1',
        toSiteId: HOSPITAL,
        at: at(20),
      })
      .thenNothingHappens();
    given(history)
      .when({
        type: 'TransferUnitCustody',
        shipmentId: 'S-H',
        fromSiteId: 'BC-1',
        toSiteId: HOSPITAL,
        custodianType: 'HOSPITAL',
        via: 'RECEIVED',
        at: at(22),
      })
      .thenNothingHappens();
  });

  it('allocates once per request and gives the unit back when it returns to the blood bank', () => {
    const allocatedCause = { type: 'UnitAllocated', eventId: 'evt-a' };
    const allocate = transfuse({ type: 'RecordUnitAllocated', cause: allocatedCause, at: at(25) });
    const back = { type: 'UnitReturnedToBloodBank', eventId: 'evt-b' };
    const allocated: UnitEvent = {
      type: 'UnitAllocatedToPatient',
      data: {
        unitId: RED,
        requestId: 'REQ-1',
        hospitalSiteId: HOSPITAL,
        allocatedAt: at(25),
        cause: allocatedCause,
      },
    };
    given([...inStock(), ...issuedToHospital()])
      .when(allocate)
      .then([allocated]);
    given([...inStock(), ...issuedToHospital(), allocated])
      .when(allocate)
      .thenNothingHappens();
    given([...inStock(), ...issuedToHospital(), allocated])
      .when(transfuse({ type: 'RecordAllocationReleased', cause: back, at: at(26) }))
      .then([
        {
          type: 'UnitAllocationReleased',
          data: {
            unitId: RED,
            requestId: 'REQ-1',
            hospitalSiteId: HOSPITAL,
            releasedAt: at(26),
            cause: back,
          },
        },
      ]);
  });
});
