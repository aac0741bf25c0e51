import { CN_2019, donorProfileFor, EU, US_FDA } from '../profiles';
import { ageOn, eligibilityFindings, screeningAllowsDonation } from './donor-eligibility.rules';

const at = '2025-03-10T09:00:00.000Z';

describe('a donation may start only under a valid eligible screening', () => {
  const eligible = {
    procedure: 'WHOLE_BLOOD' as const,
    outcome: 'ELIGIBLE',
    validUntil: '2025-03-11T09:00:00.000Z',
  };

  it('allows a donation within the screening validity for the same procedure', () => {
    expect(screeningAllowsDonation(eligible, 'WHOLE_BLOOD', at)).toBeNull();
  });

  it.each([
    ['no screening', undefined, 'WHOLE_BLOOD', at],
    ['a screening that deferred', { ...eligible, outcome: 'DEFERRED' }, 'WHOLE_BLOOD', at],
    ['a screening for another procedure', eligible, 'APHERESIS_PLATELETS', at],
    ['an expired screening', eligible, 'WHOLE_BLOOD', '2025-03-11T09:00:00.000Z'],
  ] as const)('refuses %s', (_label, screening, procedure, when) => {
    expect(screeningAllowsDonation(screening, procedure, when)?.code).toBe('NO_VALID_SCREENING');
  });
});

describe('eligibility on a date, before the checks of the day', () => {
  it('counts age in completed years', () => {
    expect(ageOn('1990-03-11', at)).toBe(34);
    expect(ageOn('1990-03-10', at)).toBe(35);
  });

  it('finds nothing against a healthy adult without history', () => {
    expect(
      eligibilityFindings(
        { sex: 'F', birthDate: '1990-01-01', deferrals: [], history: [] },
        'WHOLE_BLOOD',
        at,
        CN_2019,
      ),
    ).toEqual([]);
  });

  it('applies the profile in force: a 17-year-old may give blood under US FDA but not CN 2019', () => {
    const facts = { sex: 'M' as const, birthDate: '2007-06-15', deferrals: [], history: [] };
    expect(eligibilityFindings(facts, 'WHOLE_BLOOD', at, US_FDA)).toEqual([]);
    expect(eligibilityFindings(facts, 'WHOLE_BLOOD', at, CN_2019).map((f) => f.code)).toEqual([
      'AGE_BELOW_MINIMUM',
    ]);
  });

  it('applies the EU whole-blood interval of 8 weeks where CN 2019 asks 6 months', () => {
    const facts = {
      sex: 'M' as const,
      birthDate: '1980-01-01',
      deferrals: [],
      history: [{ procedure: 'WHOLE_BLOOD' as const, at: '2025-01-01T09:00:00.000Z' }],
    };
    expect(eligibilityFindings(facts, 'WHOLE_BLOOD', at, EU)).toEqual([]);
    expect(eligibilityFindings(facts, 'WHOLE_BLOOD', at, CN_2019).map((f) => f.code)).toEqual([
      'DONATION_INTERVAL_NOT_RESPECTED',
    ]);
  });

  it('refuses an unknown profile id with a stable code', () => {
    expect(() => donorProfileFor('MARS')).toThrow(
      expect.objectContaining({ code: 'DONORS.UNKNOWN_REGULATORY_PROFILE' }),
    );
  });
});
