import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { AssignDin, DinRegisterEvent } from './din-register.decide';
import { DinAlreadyAssigned, dinRegisterDecider } from './din-register.decide';

const given = DeciderSpecification.for(dinRegisterDecider);
const din = 'A999926000001';
const at = '2026-03-01T08:00:00.000Z';
const assign = (use: AssignDin['use'], reference: string): AssignDin => ({
  type: 'AssignDin',
  din,
  use,
  reference,
  at,
});
const assigned = (use: AssignDin['use'], reference: string): DinRegisterEvent => ({
  type: 'DinAssigned',
  data: { din, use, reference, assignedAt: at },
});

describe('the DIN register', () => {
  it('assigns a free DIN to a donation', () => {
    given([])
      .when(assign('DONATION', 'donor-1'))
      .then([assigned('DONATION', 'donor-1')]);
  });
  it('refuses a pool under a DIN a donation holds, and a donation under a pool DIN', () => {
    given([assigned('DONATION', 'donor-1')])
      .when(assign('POOL', 'A-E3700V00+B-E3700V00'))
      .thenThrows(DinAlreadyAssigned, 'COLLECTION.DIN_ALREADY_ASSIGNED');
    given([assigned('POOL', 'A-E3700V00+B-E3700V00')])
      .when(assign('DONATION', 'donor-1'))
      .thenThrows(DinAlreadyAssigned, 'COLLECTION.DIN_ALREADY_ASSIGNED');
  });
  it('refuses a second donation under the same DIN for another donor', () => {
    given([assigned('DONATION', 'donor-1')])
      .when(assign('DONATION', 'donor-2'))
      .thenThrows(DinAlreadyAssigned, 'COLLECTION.DIN_ALREADY_ASSIGNED');
  });
  it('adds nothing for a retry of the same assignment', () => {
    given([assigned('POOL', 'p')])
      .when(assign('POOL', 'p'))
      .thenNothingHappens();
  });
});
