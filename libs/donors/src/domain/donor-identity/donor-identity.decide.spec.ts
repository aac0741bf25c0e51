import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { DonorIdentityRecorded } from './donor-identity.decide';
import { DonorIdentityAlreadyRecorded, donorIdentityDecider } from './donor-identity.decide';

const given = DeciderSpecification.for(donorIdentityDecider);

const identity: DonorIdentityRecorded['data'] = {
  donorId: 'donor-1',
  name: 'Li Wei',
  document: { type: 'RESIDENT_ID_CARD', number: '110101199005011234' },
  documentHash: 'a'.repeat(64),
  birthDate: '1990-05-01',
  sex: 'M',
  contact: { phone: '+86 138 0000 0000' },
  recordedAt: '2025-03-10T09:00:00.000Z',
};

describe('recording a donor identity', () => {
  it('records the identity in its own stream', () => {
    given([])
      .when({ type: 'RecordDonorIdentity', identity })
      .then([{ type: 'DonorIdentityRecorded', data: identity }]);
  });

  it('refuses to record it twice', () => {
    given([{ type: 'DonorIdentityRecorded', data: identity }])
      .when({ type: 'RecordDonorIdentity', identity })
      .thenThrows(DonorIdentityAlreadyRecorded, 'DONORS.IDENTITY_ALREADY_RECORDED');
  });
});
