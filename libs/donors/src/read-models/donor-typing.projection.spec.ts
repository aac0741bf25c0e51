import { donationQualifiedV1 } from '@hemotrace/laboratory/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import { DONOR_TYPINGS } from './collections';
import type { DonorTypingDoc } from './donor-typing.projection';
import { donorTypingProjection } from './donor-typing.projection';

const given = ContractProjectionSpecification.for(donorTypingProjection, [donationQualifiedV1]);

const qualified = (din: string, qualifiedAt: string, phenotype: object) => ({
  streamId: `DonationTesting-${din}`,
  type: 'DonationQualified',
  data: {
    din,
    donorId: 'donor-7',
    bloodGroup: { abo: 'O', rhd: 'NEG' },
    phenotype,
    qualifiedAt,
  },
});

describe('the rare-donor registry, fed by laboratory.DonationQualified.v1', () => {
  it('keeps every antigen ever typed, a later typing of the same antigen winning', () =>
    given([
      qualified('W0001', '2024-03-01T10:00:00.000Z', { K: 'NEG', c: 'POS' }),
      qualified('W0002', '2024-07-01T10:00:00.000Z', { c: 'NEG', Fya: 'NEG' }),
    ]).then(async (documents) => {
      expect(await documents.get<DonorTypingDoc>(DONOR_TYPINGS, 'donor-7')).toEqual({
        donorId: 'donor-7',
        group: 'O-',
        bloodGroup: { abo: 'O', rhd: 'NEG' },
        phenotype: { K: 'NEG', c: 'NEG', Fya: 'NEG' },
        lastDin: 'W0002',
        typedAt: '2024-07-01T10:00:00.000Z',
      });
    }));
});
