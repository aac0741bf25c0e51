import type { DonationForPreparation } from './preparation.rules';
import {
  componentMayBePrepared,
  DonationAlreadyRejected,
  DonationNotCompleted,
  ProductNotFromProcedure,
} from './preparation.rules';
import { catalog, collectionEndedAt, DIN, O_POS, product } from './unit.fixtures';

const completed = (
  procedure: 'WHOLE_BLOOD' | 'APHERESIS_PLATELETS' = 'WHOLE_BLOOD',
): DonationForPreparation => ({
  din: DIN,
  completed: { donorId: 'donor-1', procedure, volumeMl: 400, plateletDoses: 2, endedAt: collectionEndedAt },
});

describe('preparing components from a donation', () => {
  it('counts red cells from 400 mL whole blood as 2 units', () => {
    expect(componentMayBePrepared(completed(), DIN, product('E0398'), catalog)).toMatchObject({
      donorId: 'donor-1',
      method: 'SEPARATION',
      bloodUnits: 2,
      collectionEndedAt,
    });
  });

  it('carries the doses of an apheresis platelet collection', () => {
    expect(
      componentMayBePrepared(completed('APHERESIS_PLATELETS'), DIN, product('E3990'), catalog),
    ).toMatchObject({
      method: 'APHERESIS',
      plateletDoses: 2,
    });
  });

  it('carries an earlier qualification so the unit is released with it as cause', () => {
    const plan = componentMayBePrepared(
      { ...completed(), qualified: { eventId: 'evt-q', bloodGroup: O_POS } },
      DIN,
      product('E0398'),
      catalog,
    );
    expect(plan.qualification).toEqual({
      bloodGroup: O_POS,
      cause: { type: 'DonationQualified', eventId: 'evt-q' },
    });
  });

  it('refuses a donation not completed, a rejected one and a product the procedure cannot give', () => {
    expect(() => componentMayBePrepared(null, DIN, product('E0398'), catalog)).toThrow(DonationNotCompleted);
    expect(() =>
      componentMayBePrepared(
        { ...completed(), rejected: { eventId: 'evt-r' } },
        DIN,
        product('E0398'),
        catalog,
      ),
    ).toThrow(DonationAlreadyRejected);
    expect(() => componentMayBePrepared(completed(), DIN, product('E3990'), catalog)).toThrow(
      ProductNotFromProcedure,
    );
  });
});
