import type { Decider } from '@hemotrace/event-sourcing';
import type { SiteType } from '@hemotrace/kernel';
import { SiteAlreadyActive, SiteAlreadyRegistered, SiteInactive, SiteNotFound } from './site.errors';
import type { SiteEvent } from './site.events';
import { changeFollowsTheRecord, effectiveTimeIsNotInTheFuture } from './site.rules';
import type { RegisteredSite, SiteState } from './site.state';
import { evolveSite } from './site.state';

/** Every site command states when it took effect (`at`, business time) and when it is entered (`now`). */
interface Dated {
  at: string;
  now: string;
}

export interface RegisterSite extends Dated {
  type: 'RegisterSite';
  siteId: string;
  name: string;
  siteType: SiteType;
  active: boolean;
}

export interface ChangeSite extends Dated {
  type: 'ChangeSite';
  siteId: string;
  name: string;
  siteType: SiteType;
}

export interface DeactivateSite extends Dated {
  type: 'DeactivateSite';
  siteId: string;
  reason: string;
}

export interface ReactivateSite extends Dated {
  type: 'ReactivateSite';
  siteId: string;
  reason: string;
}

export type SiteCommand = RegisterSite | ChangeSite | DeactivateSite | ReactivateSite;

const registered = (state: SiteState, siteId: string): RegisteredSite => {
  if (state.status === 'None') throw new SiteNotFound(siteId);
  return state;
};

export const registerSite = (cmd: RegisterSite, state: SiteState): SiteEvent[] => {
  if (state.status !== 'None') throw new SiteAlreadyRegistered(cmd.siteId);
  effectiveTimeIsNotInTheFuture('registeredAt', cmd.at, cmd.now);
  return [
    {
      type: 'SiteRegistered',
      data: {
        siteId: cmd.siteId,
        name: cmd.name,
        siteType: cmd.siteType,
        active: cmd.active,
        registeredAt: cmd.at,
      },
    },
  ];
};

export const changeSite = (cmd: ChangeSite, state: SiteState): SiteEvent[] => {
  const site = registered(state, cmd.siteId);
  if (site.name === cmd.name && site.siteType === cmd.siteType) return [];
  effectiveTimeIsNotInTheFuture('changedAt', cmd.at, cmd.now);
  changeFollowsTheRecord('changedAt', cmd.at, site.lastChangedAt);
  return [
    {
      type: 'SiteChanged',
      data: { siteId: site.siteId, name: cmd.name, siteType: cmd.siteType, changedAt: cmd.at },
    },
  ];
};

export const deactivateSite = (cmd: DeactivateSite, state: SiteState): SiteEvent[] => {
  const site = registered(state, cmd.siteId);
  if (site.status === 'Inactive') throw new SiteInactive(site.siteId);
  effectiveTimeIsNotInTheFuture('deactivatedAt', cmd.at, cmd.now);
  changeFollowsTheRecord('deactivatedAt', cmd.at, site.lastChangedAt);
  return [
    {
      type: 'SiteDeactivated',
      data: { siteId: site.siteId, reason: cmd.reason, deactivatedAt: cmd.at },
    },
  ];
};

export const reactivateSite = (cmd: ReactivateSite, state: SiteState): SiteEvent[] => {
  const site = registered(state, cmd.siteId);
  if (site.status === 'Active') throw new SiteAlreadyActive(site.siteId);
  effectiveTimeIsNotInTheFuture('reactivatedAt', cmd.at, cmd.now);
  changeFollowsTheRecord('reactivatedAt', cmd.at, site.lastChangedAt);
  return [
    {
      type: 'SiteReactivated',
      data: { siteId: site.siteId, reason: cmd.reason, reactivatedAt: cmd.at },
    },
  ];
};

export const siteDecider: Decider<SiteCommand, SiteEvent, SiteState> = {
  initialState: { status: 'None' },
  decide: (cmd, state) => {
    switch (cmd.type) {
      case 'RegisterSite':
        return registerSite(cmd, state);
      case 'ChangeSite':
        return changeSite(cmd, state);
      case 'DeactivateSite':
        return deactivateSite(cmd, state);
      case 'ReactivateSite':
        return reactivateSite(cmd, state);
      default: {
        const unhandled: never = cmd;
        return unhandled;
      }
    }
  },
  evolve: evolveSite,
};

/** What other contexts may know of a site: folded from its own stream, never from a projection. */
export const siteFactsOf = (siteId: string, state: SiteState) =>
  state.status === 'None'
    ? { registered: false as const, siteId }
    : {
        registered: true as const,
        siteId,
        name: state.name,
        siteType: state.siteType,
        active: state.status === 'Active',
      };
