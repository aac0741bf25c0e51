import type { InvestigationResults, ResultRecipient, ResultUnit } from './investigation-results.model';
import { aHospitalReadsOnlyItsOwnUnitsAndPatients } from './investigation-results.scope';

const recipient = (unitId: string, hospitalSiteId: string, patientId: string): ResultRecipient => ({
  unitId,
  hospitalSiteId,
  patientId,
  redacted: false,
  startedAt: '2026-10-12T08:00:00.000Z',
  endedAt: '2026-10-12T09:00:00.000Z',
});

const unit = (unitId: string, sentTo: string[], recipients: ResultRecipient[]): ResultUnit => ({
  unitId,
  din: 'A999926900002',
  sourceDins: ['A999926900002'],
  productCode: unitId.slice(14),
  productType: 'SUSPENDED_RED_CELLS',
  method: 'DIVISION',
  parentUnitIds: ['A999926900002-E0398V00'],
  preparedAt: '2026-10-10T09:00:00.000Z',
  expiresAt: '2026-11-20T00:00:00.000Z',
  lifecycle: 'Transfused',
  custodianSiteId: sentTo.at(-1) ?? 'BC-1',
  consignees: sentTo.map((siteId, i) => ({
    siteId,
    shipmentId: `S-${unitId}-${i}`,
    shipmentType: 'HOSPITAL_ISSUE',
    dispatchedAt: '2026-10-11T01:00:00.000Z',
  })),
  recipients,
});

const A = 'A999926900002-E0398VA0';
const B = 'A999926900002-E0398VB0';
const C = 'A999926900002-E0398VC0';
const results = (units: ResultUnit[]): InvestigationResults => ({
  investigationId: 'LB-1',
  kind: 'LOOKBACK',
  donations: [
    { din: 'A999926900002', donorId: 'donor-ir', collectedAt: '2026-10-10T03:00:00.000Z', siteId: 'BC-1' },
  ],
  units,
  consignees: [],
  recipients: units.flatMap((u) => u.recipients),
  scopedToSite: null,
});

describe("a hospital's copy of investigation results", () => {
  const all = results([
    unit(A, ['HOSP-1'], [recipient(A, 'HOSP-1', 'PAT-1')]),
    unit(B, ['HOSP-2'], [recipient(B, 'HOSP-2', 'PAT-2')]),
    /* Sent to HOSP-1, passed on to HOSP-3 and transfused there. */
    unit(C, ['HOSP-1', 'HOSP-3'], [recipient(C, 'HOSP-3', 'PAT-3')]),
  ]);
  const mine = aHospitalReadsOnlyItsOwnUnitsAndPatients(all, 'HOSP-1');

  it('lists only the units sent to it, with only its own consignments, and no donation or donor', () => {
    expect(mine.units.map((u) => u.unitId)).toEqual([A, C]);
    expect(mine.units.map((u) => u.consignees.map((c) => c.siteId))).toEqual([['HOSP-1'], ['HOSP-1']]);
    expect(mine.consignees).toEqual([]);
    expect(mine.donations).toEqual([]);
    expect(mine.scopedToSite).toBe('HOSP-1');
  });

  it("names its own patients and never another hospital's, saying the row is redacted", () => {
    expect(mine.recipients).toEqual([
      recipient(A, 'HOSP-1', 'PAT-1'),
      { ...recipient(C, 'HOSP-3', 'PAT-3'), hospitalSiteId: null, patientId: null, redacted: true },
    ]);
    expect(JSON.stringify(mine)).not.toContain('PAT-2');
    expect(JSON.stringify(mine)).not.toContain('PAT-3');
    expect(JSON.stringify(mine)).not.toContain('donor-ir');
  });
});
