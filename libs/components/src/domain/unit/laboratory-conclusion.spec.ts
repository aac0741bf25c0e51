import { unitCommandOnConclusion } from './laboratory-conclusion';

describe("the laboratory's conclusion, as a command on each unit of the donation", () => {
  const at = '2024-03-02T10:00:00.000Z';

  it('qualifies the unit with the group and phenotype found, naming the conclusion as its cause', () => {
    expect(
      unitCommandOnConclusion(
        {
          outcome: 'QUALIFIED',
          bloodGroup: { abo: 'A', rhd: 'NEG' },
          phenotype: { K: 'NEG' },
          cause: { type: 'DonationQualified', eventId: 'e-1' },
        },
        at,
      ),
    ).toEqual({
      type: 'QualifyUnit',
      bloodGroup: { abo: 'A', rhd: 'NEG' },
      phenotype: { K: 'NEG' },
      cause: { type: 'DonationQualified', eventId: 'e-1' },
      at,
    });
  });

  it('discards the unit as an automatic reaction, with the reactive markers as its note', () => {
    expect(
      unitCommandOnConclusion(
        {
          outcome: 'REJECTED',
          reactiveMarkers: ['HBV', 'HCV'],
          cause: { type: 'DonationRejected', eventId: 'e-2' },
        },
        at,
      ),
    ).toEqual({
      type: 'DiscardUnit',
      reason: 'DONATION_REJECTED',
      note: 'HBV,HCV',
      cause: { type: 'DonationRejected', eventId: 'e-2' },
      automatic: true,
      at,
    });
  });
});
