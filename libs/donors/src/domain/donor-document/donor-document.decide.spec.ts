import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { DuplicateDocument } from '../donor/donor.errors';
import type { DocumentReserved } from './donor-document.decide';
import { donorDocumentDecider, donorDocumentStreamId, reserveDocument } from './donor-document.decide';

const given = DeciderSpecification.for(donorDocumentDecider);

const hash = 'b'.repeat(64);
const reserved = (donorId: string): DocumentReserved => ({
  type: 'DocumentReserved',
  data: { documentHash: hash, donorId },
});

describe('reserving an identity document', () => {
  it('reserves a document nobody holds for the donor being registered', () => {
    given([])
      .when({ type: 'ReserveDocument', documentHash: hash, donorId: 'donor-1' })
      .then([reserved('donor-1')]);
  });

  it('refuses a document already reserved by another donor', () => {
    given([reserved('donor-1')])
      .when({ type: 'ReserveDocument', documentHash: hash, donorId: 'donor-2' })
      .thenThrows(DuplicateDocument, 'DONORS.DUPLICATE_DOCUMENT');
  });

  it('tells who holds the document', () => {
    expect(() =>
      reserveDocument(
        { type: 'ReserveDocument', documentHash: hash, donorId: 'donor-2' },
        { status: 'Reserved', donorId: 'donor-1' },
      ),
    ).toThrow(expect.objectContaining({ details: { existingDonorId: 'donor-1' } }));
  });

  it('names the stream by the hash, never the number', () => {
    expect(donorDocumentStreamId(hash)).toBe(`DonorDocument-${hash}`);
  });
});
