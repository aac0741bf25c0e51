import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { EraseDonorPersonalData } from './donor.decide';
import { donorDecider } from './donor.decide';
import { DonorNotFound, DonorPersonalDataAlreadyErased } from './donor.errors';
import type { DonorEvent } from './donor.events';

const given = DeciderSpecification.for(donorDecider);

const registered: DonorEvent = {
  type: 'DonorRegistered',
  data: {
    donorId: 'donor-1',
    sex: 'F',
    birthDate: '1988-02-14',
    registeredAt: '2025-01-10T08:00:00.000Z',
    siteId: 'site-1',
  },
};

const erase = (at = '2025-06-01T10:00:00.000Z'): EraseDonorPersonalData => ({
  type: 'EraseDonorPersonalData',
  donorId: 'donor-1',
  legalBasis: 'GDPR_ART_17',
  reason: 'Request 2025-118',
  at,
});

const erased = (at = '2025-06-01T10:00:00.000Z'): DonorEvent => ({
  type: 'DonorPersonalDataErased',
  data: { donorId: 'donor-1', legalBasis: 'GDPR_ART_17', reason: 'Request 2025-118', erasedAt: at },
});

describe('erasing a donor identity', () => {
  it('records the erasure with its legal basis at the time given', () => {
    given([registered]).when(erase()).then([erased()]);
  });

  it('refuses a second erasure and names when the first happened', () => {
    given([registered, erased('2025-05-01T09:00:00.000Z')])
      .when(erase())
      .thenThrows(DonorPersonalDataAlreadyErased, 'DONORS.PERSONAL_DATA_ALREADY_ERASED');
  });

  it('refuses to erase a donor nobody registered', () => {
    given([]).when(erase()).thenThrows(DonorNotFound, 'DONORS.DONOR_NOT_FOUND');
  });

  it('keeps deferrals after the erasure, so the person stays deferred', () => {
    const deferred: DonorEvent = {
      type: 'DonorDeferred',
      data: {
        donorId: 'donor-1',
        deferralId: 'def-1',
        kind: 'PERMANENT',
        reasons: [{ code: 'HIV_REACTIVE' }],
        deferredAt: '2025-03-01T00:00:00.000Z',
        source: 'LABORATORY',
      },
    };
    const state = [registered, deferred, erased()].reduce(donorDecider.evolve, donorDecider.initialState);
    expect(state).toMatchObject({
      identityErasedAt: '2025-06-01T10:00:00.000Z',
      deferrals: [{ deferralId: 'def-1' }],
    });
  });
});
