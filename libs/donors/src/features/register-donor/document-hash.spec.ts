import { documentHash, normaliseDocumentNumber } from './document-hash';

describe('document hashes for duplicate detection', () => {
  it('treats spacing, dashes and case as the same document', () => {
    expect(normaliseDocumentNumber(' 1101-0119 9005 01123x ')).toBe('11010119900501123X');
    expect(documentHash('RESIDENT_ID_CARD', '11010119900501123x')).toBe(
      documentHash('RESIDENT_ID_CARD', '1101 0119900501123X'),
    );
  });

  it('tells document types apart and never contains the number', () => {
    const hash = documentHash('PASSPORT', 'E12345678');
    expect(hash).not.toBe(documentHash('RESIDENT_ID_CARD', 'E12345678'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
