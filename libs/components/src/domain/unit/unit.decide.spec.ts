import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { unitDecider } from './unit.decide';
import {
  NoSuchHold,
  PreparedBeforeCollection,
  ProcessingTimeLimitExceeded,
  StorageTemperatureMismatch,
  UnitAlreadyFinal,
  UnitAlreadyPrepared,
  UnitInTransit,
  UnitNotAtSite,
  UnitNotFound,
  UnitNotYetExpired,
} from './unit.errors';
import {
  at,
  O_POS,
  prepare,
  prepared,
  product,
  qualified,
  qualifiedCause,
  quarantined,
  RED,
  received,
  released,
  shipped,
} from './unit.fixtures';

const given = DeciderSpecification.for(unitDecider);

describe('preparing a component', () => {
  it('records a quarantined unit with its expiry counted from the end of collection', () => {
    given([]).when(prepare()).then([prepared()]);
  });

  it('releases at once, with the laboratory event as cause, when the donation was already qualified', () => {
    given([])
      .when(prepare({ qualification: { bloodGroup: O_POS, cause: qualifiedCause } }))
      .then([prepared(), qualified(), released(at(2))]);
  });

  it('refuses fresh frozen plasma frozen later than the processing time limit', () => {
    given([])
      .when(prepare({ product: product('E2620'), productCode: 'E2620V00', preparedAt: at(6.5) }))
      .thenThrows(ProcessingTimeLimitExceeded, 'COMP.PROCESSING_TIME_LIMIT_EXCEEDED');
  });

  it('accepts fresh frozen plasma frozen within the limit', () => {
    const events = unitDecider.decide(
      prepare({ product: product('E2620'), productCode: 'E2620V00', preparedAt: at(5.9) }),
      unitDecider.initialState,
    );
    expect(events.map((e) => e.type)).toEqual(['UnitPrepared']);
  });

  it('refuses a preparation dated before the collection ended', () => {
    given([])
      .when(prepare({ preparedAt: at(-1) }))
      .thenThrows(PreparedBeforeCollection, 'COMP.PREPARED_BEFORE_COLLECTION');
  });

  it('refuses to prepare the same unit twice', () => {
    given([prepared()]).when(prepare()).thenThrows(UnitAlreadyPrepared, 'COMP.UNIT_ALREADY_PREPARED');
  });

  it('caps a modified unit expiry at its parent expiry', () => {
    const [event] = unitDecider.decide(
      prepare({ collectionEndedAt: undefined, preparedAt: at(2), expiryCap: at(24), parentsReleased: true }),
      unitDecider.initialState,
    );
    expect(event.data).toMatchObject({ expiresAt: at(24), status: 'Released' });
  });
});

describe('release and quarantine', () => {
  const qualify = { type: 'QualifyUnit', bloodGroup: O_POS, cause: qualifiedCause, at: at(3) } as const;

  it('releases a quarantined unit when the laboratory qualifies the donation', () => {
    given([prepared()]).when(qualify).then([qualified(), released()]);
  });

  it('keeps a unit with an open hold quarantined although qualified', () => {
    given([prepared(), quarantined()]).when(qualify).then([qualified()]);
  });

  it('does nothing for a unit already qualified or already discarded (reactions run at least once)', () => {
    given([prepared(), qualified(), released()]).when(qualify).thenNothingHappens();
    given([
      prepared(),
      { type: 'UnitDiscarded', data: { unitId: RED, reason: 'DAMAGED', discardedAt: at(3) } },
    ])
      .when(qualify)
      .thenNothingHappens();
  });

  it('says not found for a unit never prepared', () => {
    given([]).when(qualify).thenThrows(UnitNotFound, 'COMP.UNIT_NOT_FOUND');
  });

  it('places a hold once per excursion', () => {
    const hold = {
      type: 'QuarantineUnit',
      holdId: 'exc-1',
      reason: 'TEMPERATURE_EXCURSION',
      at: at(5),
    } as const;
    given([prepared(), qualified(), released()]).when(hold).then([quarantined()]);
    given([prepared(), qualified(), released(), quarantined()]).when(hold).thenNothingHappens();
  });
});

describe('quality decisions on a held unit', () => {
  const decide = (decision: 'RELEASE' | 'DISCARD', holdId = 'exc-1', siteId = 'BC-1') =>
    ({
      type: 'RecordQualityDecision',
      holdId,
      decision,
      reason: 'logger reviewed',
      siteId,
      at: at(8),
    }) as const;
  const decided = (decision: 'RELEASE' | 'DISCARD') => ({
    type: 'UnitQualityDecisionRecorded' as const,
    data: { unitId: RED, holdId: 'exc-1', decision, reason: 'logger reviewed', decidedAt: at(8) },
  });
  const cause = { type: 'UnitQualityDecisionRecorded', reference: 'exc-1' };

  it('releases a qualified unit when its last hold is lifted', () => {
    given([prepared(), qualified(), released(), quarantined()])
      .when(decide('RELEASE'))
      .then([decided('RELEASE'), { type: 'UnitReleased', data: { unitId: RED, releasedAt: at(8), cause } }]);
  });

  it('lifts the hold but does not release a unit the laboratory has not qualified', () => {
    given([prepared(), quarantined()])
      .when(decide('RELEASE'))
      .then([decided('RELEASE')]);
  });

  it('keeps the unit quarantined while another hold is open', () => {
    given([prepared(), qualified(), released(), quarantined(), quarantined('recall-1')])
      .when(decide('RELEASE'))
      .then([decided('RELEASE')]);
  });

  it('discards with the excursion as reason', () => {
    given([prepared(), qualified(), released(), quarantined()])
      .when(decide('DISCARD'))
      .then([
        decided('DISCARD'),
        {
          type: 'UnitDiscarded',
          data: {
            unitId: RED,
            reason: 'TEMPERATURE_EXCURSION',
            note: 'logger reviewed',
            discardedAt: at(8),
            cause,
          },
        },
      ]);
  });

  it('refuses a decision on a hold the unit does not have, or from another site', () => {
    given([prepared(), qualified(), released()])
      .when(decide('RELEASE'))
      .thenThrows(NoSuchHold, 'COMP.NO_SUCH_HOLD');
    given([prepared(), quarantined()])
      .when(decide('RELEASE', 'exc-1', 'BC-9'))
      .thenThrows(UnitNotAtSite, 'COMP.UNIT_NOT_AT_SITE');
  });
});

describe('discard and expiry', () => {
  const discard = (automatic: boolean, siteId?: string) =>
    ({ type: 'DiscardUnit', reason: 'DAMAGED', automatic, siteId, at: at(4) }) as const;
  const discarded = {
    type: 'UnitDiscarded' as const,
    data: { unitId: RED, reason: 'DAMAGED' as const, discardedAt: at(4) },
  };

  it('discards by hand with a reason code at the holding site', () => {
    given([prepared()]).when(discard(false, 'BC-1')).then([discarded]);
  });

  it('refuses a hand discard of a unit already discarded or held elsewhere', () => {
    given([prepared(), discarded])
      .when(discard(false, 'BC-1'))
      .thenThrows(UnitAlreadyFinal, 'COMP.UNIT_ALREADY_FINAL');
    given([prepared()]).when(discard(false, 'BC-2')).thenThrows(UnitNotAtSite, 'COMP.UNIT_NOT_AT_SITE');
  });

  it('lets an automatic discard of a unit already gone do nothing', () => {
    given([prepared(), discarded]).when(discard(true)).thenNothingHappens();
  });

  it('expires a unit past its expiry and refuses one still in date', () => {
    given([prepared()])
      .when({ type: 'ExpireUnit', at: at(35 * 24 + 1) })
      .then([
        { type: 'UnitExpired', data: { unitId: RED, expiresAt: at(35 * 24), expiredAt: at(35 * 24 + 1) } },
      ]);
    given([prepared()])
      .when({ type: 'ExpireUnit', at: at(10) })
      .thenThrows(UnitNotYetExpired, 'COMP.UNIT_NOT_EXPIRED');
  });
});

describe('storage and custody', () => {
  const store = (equipmentRange = { minC: 2, maxC: 6 }, siteId = 'BC-1') =>
    ({
      type: 'StoreUnit',
      siteId,
      equipmentId: 'FRIDGE-1',
      equipmentRange,
      productRange: { minC: 2, maxC: 6 },
      at: at(3),
    }) as const;

  it('stores a unit in equipment that holds its range', () => {
    given([prepared()])
      .when(store())
      .then([
        { type: 'UnitStored', data: { unitId: RED, siteId: 'BC-1', equipmentId: 'FRIDGE-1', at: at(3) } },
      ]);
  });

  it('holds a unit whose storage, entered late, falls in an excursion already reported on the equipment', () => {
    const excursions = [
      { excursionId: 'EXC-OLD', startedAt: at(1), endedAt: at(2) },
      { excursionId: 'EXC-1', startedAt: at(2), endedAt: at(5) },
      { excursionId: 'EXC-LATER', startedAt: at(8), endedAt: at(9) },
    ];
    given([prepared()])
      .when({ ...store(), excursions })
      .then([
        { type: 'UnitStored', data: { unitId: RED, siteId: 'BC-1', equipmentId: 'FRIDGE-1', at: at(3) } },
        {
          type: 'UnitQuarantined',
          data: {
            unitId: RED,
            holdId: 'EXC-1',
            reason: 'TEMPERATURE_EXCURSION',
            quarantinedAt: at(3),
            cause: { type: 'TemperatureExcursionReported', reference: 'EXC-1' },
          },
        },
        {
          type: 'UnitQuarantined',
          data: {
            unitId: RED,
            holdId: 'EXC-LATER',
            reason: 'TEMPERATURE_EXCURSION',
            quarantinedAt: at(8),
            cause: { type: 'TemperatureExcursionReported', reference: 'EXC-LATER' },
          },
        },
      ]);
  });

  it('refuses equipment whose range is not the product range', () => {
    given([prepared()])
      .when(store({ minC: 20, maxC: 24 }))
      .thenThrows(StorageTemperatureMismatch, 'COMP.STORAGE_TEMPERATURE_MISMATCH');
  });

  it('refuses to store a unit on the road or held by another site', () => {
    given([prepared(), shipped()]).when(store()).thenThrows(UnitInTransit, 'COMP.UNIT_IN_TRANSIT');
    given([prepared(), shipped(), received()])
      .when(store())
      .thenThrows(UnitNotAtSite, 'COMP.UNIT_NOT_AT_SITE');
    given([prepared(), shipped(), received()])
      .when(store(undefined, 'BC-2'))
      .then([
        { type: 'UnitStored', data: { unitId: RED, siteId: 'BC-2', equipmentId: 'FRIDGE-1', at: at(3) } },
      ]);
  });

  it('records shipment and custody once each (reactions may repeat)', () => {
    const ship = {
      type: 'RecordUnitShipped',
      shipmentId: 'S-1',
      fromSiteId: 'BC-1',
      toSiteId: 'BC-2',
      at: at(6),
    } as const;
    given([prepared()]).when(ship).then([shipped()]);
    given([prepared(), shipped()]).when(ship).thenNothingHappens();
    const transfer = {
      type: 'TransferUnitCustody',
      shipmentId: 'S-1',
      fromSiteId: 'BC-1',
      toSiteId: 'BC-2',
      custodianType: 'BLOOD_CENTER',
      via: 'RECEIVED',
      at: at(7),
    } as const;
    given([prepared(), shipped()]).when(transfer).then([received()]);
    given([prepared(), shipped(), received()]).when(transfer).thenNothingHappens();
  });
});
