import { InvalidInput } from '@hemotrace/kernel';
import { parseReportPeriod, previousPeriod } from './report-period';

describe('a report period is bounded by instants', () => {
  it('keeps instants with their offset, normalised to UTC', () => {
    expect(parseReportPeriod('2026-03-01T08:00:00+08:00', '2026-03-02T00:00:00Z')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
  });

  it('reads a date alone as whole UTC days, the last one included', () => {
    expect(parseReportPeriod('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(parseReportPeriod('2026-03-01', '2026-03-01')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
  });

  it.each([
    ['a missing bound', undefined, '2026-03-01'],
    ['a time without an offset', '2026-03-01T08:00:00', '2026-03-02'],
    ['an impossible date', '2026-02-30', '2026-03-02'],
    ['a week number', '2026-W10', '2026-03-20'],
    ['free text', 'yesterday', '2026-03-02'],
    ['an empty period', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z'],
    ['a reversed period', '2026-03-03', '2026-03-01'],
  ])('refuses %s with TRACE.INVALID_PERIOD', (_, from, to) => {
    const thrown = (() => {
      try {
        parseReportPeriod(from, to);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(InvalidInput);
    expect(thrown).toMatchObject({ code: 'TRACE.INVALID_PERIOD' });
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod({ from: '2026-03-01T12:00:00.000Z', to: '2026-03-02T00:00:00.000Z' })).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-01T12:00:00.000Z',
    });
  });
});
