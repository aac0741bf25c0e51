import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { investigationDecider } from './investigation.decide';
import type { OpenLookback, OpenRecall } from './investigation.decide';
import {
  ConsigneeNotYetNotified,
  ConsigneesOutstanding,
  InvestigationAlreadyOpened,
  InvestigationNotOpen,
  MarkerNotSubjectToLookback,
  NotAConsignee,
  RecallMatchesNothing,
  UnitNotInInvestigation,
} from './investigation.errors';
import type { InvestigationEvent } from './investigation.events';
import { investigationProfile } from './investigation.profiles';
import { lookbackWindow } from './investigation.rules';

const given = DeciderSpecification.for(investigationDecider);
const profile = investigationProfile('US-FDA');
const NOW = '2026-03-10T08:00:00.000Z';
const ID = 'LB-1';

const inStock = {
  unitId: 'A999926000001-E0398V00',
  status: 'Released',
  custodianType: 'BLOOD_CENTER' as const,
  custodianSiteId: 'BC-1',
  expiresAt: '2026-04-01T00:00:00.000Z',
};
const atHospital = {
  unitId: 'A999926000001-E0869V00',
  status: 'Released',
  custodianType: 'HOSPITAL' as const,
  custodianSiteId: 'HOSP-1',
  expiresAt: '2026-04-01T00:00:00.000Z',
};
const expired = {
  unitId: 'A999926000001-E4519V00',
  status: 'Released',
  custodianType: 'BLOOD_CENTER' as const,
  expiresAt: '2026-03-01T00:00:00.000Z',
};

const openLookbackCommand = (overrides: Partial<OpenLookback> = {}): OpenLookback => ({
  type: 'OpenLookback',
  investigationId: ID,
  donorId: 'donor-1',
  trigger: { din: 'A999926000009', marker: 'HIV', eventId: 'evt-1' },
  profile,
  window: {
    from: '2025-01-01T00:00:00.000Z',
    to: '2026-03-01T00:00:00.000Z',
    basis: 'LAST_NON_REACTIVE_TEST',
    lastNonReactiveDin: 'A999926000001',
  },
  donations: ['A999926000001'],
  units: [inStock, atHospital, expired],
  consignees: [{ siteId: 'HOSP-1', unitIds: [atHospital.unitId] }],
  now: NOW,
  ...overrides,
});

const lookbackOpened = (): InvestigationEvent[] =>
  investigationDecider.decide(openLookbackCommand(), { status: 'None' });

describe('opening a donor lookback', () => {
  it('records the window, names consignees with a 3-day deadline and quarantines only in-date units in centre stock', () => {
    const events = lookbackOpened();
    expect(events.map((e) => e.type)).toEqual(['LookbackOpened', 'UnitQuarantineRequested']);
    expect(events[0].data).toMatchObject({
      consignees: [{ siteId: 'HOSP-1', dueBy: '2026-03-13T08:00:00.000Z' }],
    });
    expect(events[1].data).toMatchObject({
      unitId: inStock.unitId,
      reason: 'LOOKBACK',
      custodianSiteId: 'BC-1',
    });
  });

  it('refuses a marker the profile does not look back for', () => {
    given([])
      .when(openLookbackCommand({ trigger: { din: 'A999926000009', marker: 'SYPHILIS', eventId: null } }))
      .thenThrows(MarkerNotSubjectToLookback, 'TRACE.MARKER_NOT_SUBJECT_TO_LOOKBACK');
  });

  it('refuses to open the same investigation twice', () => {
    given(lookbackOpened())
      .when(openLookbackCommand())
      .thenThrows(InvestigationAlreadyOpened, 'TRACE.INVESTIGATION_EXISTS');
  });
});

describe('the lookback window', () => {
  const positive = { din: 'P', collectedAt: '2026-03-01T00:00:00.000Z' };
  it('reaches back 12 months from the most recent non-reactive test', () => {
    const { window, donations } = lookbackWindow(profile, positive, [
      { din: 'OLD', collectedAt: '2024-06-01T00:00:00.000Z', outcome: 'QUALIFIED' },
      { din: 'IN', collectedAt: '2025-03-01T00:00:00.000Z', outcome: 'QUALIFIED' },
      {
        din: 'LAST',
        collectedAt: '2025-09-01T00:00:00.000Z',
        outcome: 'QUALIFIED',
        concludedAt: '2025-09-02T00:00:00.000Z',
      },
      positive,
    ]);
    expect(window).toMatchObject({
      from: '2024-09-02T00:00:00.000Z',
      basis: 'LAST_NON_REACTIVE_TEST',
      lastNonReactiveDin: 'LAST',
    });
    expect(donations).toEqual(['IN', 'LAST']);
  });

  it('counts back from the positive donation when no earlier test was non-reactive', () => {
    const { window, donations } = lookbackWindow(profile, positive, [
      { din: 'R', collectedAt: '2025-12-01T00:00:00.000Z', outcome: 'REJECTED' },
    ]);
    expect(window).toMatchObject({ from: '2025-03-01T00:00:00.000Z', basis: 'POSITIVE_DONATION' });
    expect(donations).toEqual(['R']);
  });
});

describe('regulatory clocks of a lookback run on business time', () => {
  const positive = { din: 'P', collectedAt: '2026-03-01T00:00:00.000Z' };

  it('counts the window back from when the last non-reactive sample was tested, not from the conclusion', () => {
    const { window, donations } = lookbackWindow(profile, positive, [
      { din: 'EDGE', collectedAt: '2024-08-20T00:00:00.000Z', outcome: 'QUALIFIED' },
      {
        din: 'LAST',
        collectedAt: '2025-08-10T09:00:00.000Z',
        outcome: 'QUALIFIED',
        testedAt: '2025-08-11T14:30:00.000Z',
        concludedAt: '2025-09-30T10:00:00.000Z',
      },
      positive,
    ]);
    expect(window).toEqual({
      from: '2024-08-11T14:30:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
      basis: 'LAST_NON_REACTIVE_TEST',
      lastNonReactiveDin: 'LAST',
    });
    expect(donations).toEqual(['EDGE', 'LAST']);
  });

  it('gives consignees 3 calendar days from the confirmatory result, even when the lookback opens later', () => {
    const [opened] = investigationDecider.decide(
      openLookbackCommand({
        trigger: {
          din: 'A999926000009',
          marker: 'HIV',
          eventId: 'evt-1',
          confirmedAt: '2026-03-05T16:20:00.000Z',
        },
      }),
      { status: 'None' },
    );
    expect(opened.data).toMatchObject({
      trigger: { confirmedAt: '2026-03-05T16:20:00.000Z' },
      consignees: [{ siteId: 'HOSP-1', dueBy: '2026-03-08T16:20:00.000Z' }],
      openedAt: NOW,
    });
  });
});

describe('recording the steps of an investigation', () => {
  const notified: InvestigationEvent = {
    type: 'ConsigneeNotified',
    data: { investigationId: ID, siteId: 'HOSP-1', channel: 'PHONE', reference: null, notifiedAt: NOW },
  };
  const acknowledged: InvestigationEvent = {
    type: 'ConsigneeAcknowledged',
    data: { investigationId: ID, siteId: 'HOSP-1', note: null, acknowledgedAt: NOW },
  };

  it('records a consignee notification once', () => {
    given(lookbackOpened())
      .when({
        type: 'RecordConsigneeNotification',
        siteId: 'HOSP-1',
        channel: 'PHONE',
        reference: null,
        notifiedAt: NOW,
      })
      .then([notified]);
    given([...lookbackOpened(), notified])
      .when({
        type: 'RecordConsigneeNotification',
        siteId: 'HOSP-1',
        channel: 'EMAIL',
        reference: null,
        notifiedAt: NOW,
      })
      .thenNothingHappens();
  });

  it('refuses to notify a site that received nothing', () => {
    given(lookbackOpened())
      .when({
        type: 'RecordConsigneeNotification',
        siteId: 'HOSP-9',
        channel: 'PHONE',
        reference: null,
        notifiedAt: NOW,
      })
      .thenThrows(NotAConsignee, 'TRACE.NOT_A_CONSIGNEE');
  });

  it('refuses an acknowledgement before the notification', () => {
    given(lookbackOpened())
      .when({ type: 'RecordConsigneeAcknowledgement', siteId: 'HOSP-1', note: null, acknowledgedAt: NOW })
      .thenThrows(ConsigneeNotYetNotified, 'TRACE.CONSIGNEE_NOT_NOTIFIED');
  });

  it('records an acknowledgement after the notification', () => {
    given([...lookbackOpened(), notified])
      .when({ type: 'RecordConsigneeAcknowledgement', siteId: 'HOSP-1', note: null, acknowledgedAt: NOW })
      .then([acknowledged]);
  });

  it('records a recipient notification only for a unit the site received', () => {
    given([...lookbackOpened(), notified])
      .when({
        type: 'RecordRecipientNotification',
        siteId: 'HOSP-1',
        unitId: inStock.unitId,
        outcome: 'NOTIFIED',
        note: null,
        recordedAt: NOW,
      })
      .thenThrows(UnitNotInInvestigation, 'TRACE.UNIT_NOT_IN_INVESTIGATION');
    given([...lookbackOpened(), notified])
      .when({
        type: 'RecordRecipientNotification',
        siteId: 'HOSP-1',
        unitId: atHospital.unitId,
        outcome: 'NOTIFIED',
        note: null,
        recordedAt: NOW,
      })
      .then([
        {
          type: 'RecipientNotificationRecorded',
          data: {
            investigationId: ID,
            siteId: 'HOSP-1',
            unitId: atHospital.unitId,
            outcome: 'NOTIFIED',
            note: null,
            recordedAt: NOW,
          },
        },
      ]);
  });

  it('closes only when every consignee acknowledged, and then accepts nothing more', () => {
    given([...lookbackOpened(), notified])
      .when({ type: 'CloseInvestigation', conclusion: 'done', closedAt: NOW })
      .thenThrows(ConsigneesOutstanding, 'TRACE.CONSIGNEES_OUTSTANDING');
    const closed: InvestigationEvent = {
      type: 'InvestigationClosed',
      data: { investigationId: ID, conclusion: 'done', closedAt: NOW },
    };
    given([...lookbackOpened(), notified, acknowledged])
      .when({ type: 'CloseInvestigation', conclusion: 'done', closedAt: NOW })
      .then([closed]);
    given([...lookbackOpened(), notified, acknowledged, closed])
      .when({
        type: 'RecordConsigneeNotification',
        siteId: 'HOSP-1',
        channel: 'PHONE',
        reference: null,
        notifiedAt: NOW,
      })
      .thenThrows(InvestigationNotOpen, 'TRACE.INVESTIGATION_NOT_OPEN');
  });
});

describe('traceback and recall', () => {
  it('flags every donor whose donation reached the patient', () => {
    const events = investigationDecider.decide(
      {
        type: 'OpenTraceback',
        investigationId: 'TB-1',
        patientId: 'P-1',
        trigger: { eventId: null, marker: 'HBV', reference: null },
        donors: [
          { donorId: 'd1', dins: ['A'], unitIds: ['u1'] },
          { donorId: 'd2', dins: ['B'], unitIds: ['u2'] },
        ],
        units: ['u1', 'u2'],
        now: NOW,
      },
      { status: 'None' },
    );
    expect(events.map((e) => e.type)).toEqual([
      'TracebackOpened',
      'DonorFlaggedForRecallTesting',
      'DonorFlaggedForRecallTesting',
    ]);
  });

  const recall = (units: OpenRecall['units']): OpenRecall => ({
    type: 'OpenRecall',
    investigationId: 'RC-1',
    criteria: { attribute: 'REAGENT_LOT', value: 'LOT-9', siteId: null, from: null, to: null },
    decision: { reason: 'Defective lot', decidedBy: 'qa-1' },
    profile,
    units,
    consignees: [],
    now: NOW,
  });

  it('quarantines every matching unit still in stock under one decision', () => {
    const events = investigationDecider.decide(recall([inStock, atHospital]), { status: 'None' });
    expect(events.map((e) => e.type)).toEqual(['RecallOpened', 'UnitQuarantineRequested']);
  });

  it('refuses a recall that matches no unit', () => {
    given([]).when(recall([])).thenThrows(RecallMatchesNothing, 'TRACE.RECALL_MATCHES_NOTHING');
  });
});
