import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { BusinessTimeInFuture, BusinessTimesOutOfOrder } from '@hemotrace/kernel';
import type { SiteCommand } from './site.decide';
import { siteDecider, siteFactsOf } from './site.decide';
import { SiteAlreadyActive, SiteAlreadyRegistered, SiteInactive, SiteNotFound } from './site.errors';
import type { SiteEvent } from './site.events';
import { evolveSite } from './site.state';

const given = DeciderSpecification.for(siteDecider);
const OPENED = '2024-06-01T00:00:00.000Z';
const CLOSED = '2025-02-01T08:00:00.000Z';
const NOW = '2025-03-01T10:00:00.000Z';

const register = (overrides: object = {}): SiteCommand => ({
  type: 'RegisterSite',
  siteId: 'HOSP-1',
  name: 'City Hospital',
  siteType: 'HOSPITAL',
  active: true,
  at: OPENED,
  now: NOW,
  ...overrides,
});
const registered: SiteEvent = {
  type: 'SiteRegistered',
  data: { siteId: 'HOSP-1', name: 'City Hospital', siteType: 'HOSPITAL', active: true, registeredAt: OPENED },
};
const deactivate = (at = CLOSED): SiteCommand => ({
  type: 'DeactivateSite',
  siteId: 'HOSP-1',
  reason: 'Closed for renovation',
  at,
  now: NOW,
});
const deactivated: SiteEvent = {
  type: 'SiteDeactivated',
  data: { siteId: 'HOSP-1', reason: 'Closed for renovation', deactivatedAt: CLOSED },
};
const reactivate: SiteCommand = {
  type: 'ReactivateSite',
  siteId: 'HOSP-1',
  reason: 'Reopened',
  at: NOW,
  now: NOW,
};

describe('registering a site', () => {
  it('records the site with its type, status and the past date it took effect', () => {
    given([]).when(register()).then([registered]);
  });

  it('refuses a second registration of one site id', () => {
    given([registered]).when(register()).thenThrows(SiteAlreadyRegistered, 'SITES.SITE_ALREADY_REGISTERED');
  });

  it('refuses an effective date in the future', () => {
    given([])
      .when(register({ at: '2025-03-01T11:00:00.000Z' }))
      .thenThrows(BusinessTimeInFuture, 'SITES.BUSINESS_TIME_IN_FUTURE');
  });
});

describe('changing and deactivating a site', () => {
  it('records a new name or type, and nothing when neither changes', () => {
    given([registered])
      .when({
        type: 'ChangeSite',
        siteId: 'HOSP-1',
        name: 'City Hospital East',
        siteType: 'HOSPITAL',
        at: NOW,
        now: NOW,
      })
      .then([
        {
          type: 'SiteChanged',
          data: { siteId: 'HOSP-1', name: 'City Hospital East', siteType: 'HOSPITAL', changedAt: NOW },
        },
      ]);
    given([registered])
      .when({
        type: 'ChangeSite',
        siteId: 'HOSP-1',
        name: 'City Hospital',
        siteType: 'HOSPITAL',
        at: NOW,
        now: NOW,
      })
      .thenNothingHappens();
  });

  it('deactivates an active site and reactivates an inactive one', () => {
    given([registered]).when(deactivate()).then([deactivated]);
    given([registered, deactivated])
      .when(reactivate)
      .then([
        { type: 'SiteReactivated', data: { siteId: 'HOSP-1', reason: 'Reopened', reactivatedAt: NOW } },
      ]);
  });

  it('refuses to deactivate twice, to reactivate an active site, or to act on an unknown site', () => {
    given([registered, deactivated]).when(deactivate()).thenThrows(SiteInactive, 'SITES.SITE_INACTIVE');
    given([registered]).when(reactivate).thenThrows(SiteAlreadyActive, 'SITES.SITE_ALREADY_ACTIVE');
    given([]).when(deactivate()).thenThrows(SiteNotFound, 'SITES.SITE_NOT_FOUND');
  });

  it('refuses a change dated before the fact it follows', () => {
    given([registered])
      .when(deactivate('2024-05-01T00:00:00.000Z'))
      .thenThrows(BusinessTimesOutOfOrder, 'SITES.BUSINESS_TIMES_OUT_OF_ORDER');
  });
});

describe('what other contexts know of a site', () => {
  it('is registered, typed and active or not, folded from its own stream', () => {
    expect(siteFactsOf('HOSP-9', siteDecider.initialState)).toEqual({ registered: false, siteId: 'HOSP-9' });
    const state = [registered, deactivated].reduce(evolveSite, siteDecider.initialState);
    expect(siteFactsOf('HOSP-1', state)).toEqual({
      registered: true,
      siteId: 'HOSP-1',
      name: 'City Hospital',
      siteType: 'HOSPITAL',
      active: false,
    });
  });
});
