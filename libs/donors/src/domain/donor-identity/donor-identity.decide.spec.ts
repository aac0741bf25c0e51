import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { DonorIdentityRecorded } from './donor-identity.decide';
import { DonorIdentityAlreadyRecorded, donorIdentityDecider } from './donor-identity.decide';

const given = DeciderSpecification.for(donorIdentityDecider);

const identity: DonorIdentityRecorded['data'] = {
  donorId: 'donor-1',
  documentHash: 'a'.repeat(64),
  sealed: { alg: 'AES-256-GCM', keyId: 'key-1', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Y2lwaGVy' },
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
