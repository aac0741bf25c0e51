import type { SiteType } from '@hemotrace/kernel';
import type { SiteEvent } from './site.events';

export interface RegisteredSite {
  status: 'Active' | 'Inactive';
  siteId: string;
  name: string;
  siteType: SiteType;
  registeredAt: string;
  /** Business time of the latest fact on the stream: nothing later may be dated before it. */
  lastChangedAt: string;
}

export type SiteState = { status: 'None' } | RegisteredSite;

export const evolveSite = (state: SiteState, event: SiteEvent): SiteState => {
  if (event.type === 'SiteRegistered') {
    const { siteId, name, siteType, active, registeredAt } = event.data;
    return {
      status: active ? 'Active' : 'Inactive',
      siteId,
      name,
      siteType,
      registeredAt,
      lastChangedAt: registeredAt,
    };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'SiteChanged':
      return {
        ...state,
        name: event.data.name,
        siteType: event.data.siteType,
        lastChangedAt: event.data.changedAt,
      };
    case 'SiteDeactivated':
      return { ...state, status: 'Inactive', lastChangedAt: event.data.deactivatedAt };
    case 'SiteReactivated':
      return { ...state, status: 'Active', lastChangedAt: event.data.reactivatedAt };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
