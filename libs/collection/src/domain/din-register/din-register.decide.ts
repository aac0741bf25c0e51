import type { Decider } from '@hemotrace/event-sourcing';
import { ConflictError } from '@hemotrace/kernel';

/** ISBT 128: a DIN identifies one collection, or one pool made under a new DIN, never both. */
export type DinUse = 'DONATION' | 'POOL';

export interface DinAssigned {
  type: 'DinAssigned';
  data: { din: string; use: DinUse; reference: string; assignedAt: string };
}

export type DinRegisterEvent = DinAssigned;

export type DinRegisterState = { status: 'Free' } | { status: 'Assigned'; use: DinUse; reference: string };

export interface AssignDin {
  type: 'AssignDin';
  din: string;
  use: DinUse;
  /** Who the DIN is assigned for: the donor of a donation, the pool's parent units. */
  reference: string;
  at: string;
}

export class DinAlreadyAssigned extends ConflictError {
  constructor(din: string, use: DinUse) {
    super('COLLECTION.DIN_ALREADY_ASSIGNED', `DIN ${din} already identifies a ${use.toLowerCase()}`, {
      din,
      assignedTo: use,
    });
  }
}

/** A retry for the same use and reference finds its own assignment and adds nothing. */
export const assignDin = (cmd: AssignDin, state: DinRegisterState): DinRegisterEvent[] => {
  if (state.status === 'Assigned') {
    if (state.use === cmd.use && state.reference === cmd.reference) return [];
    throw new DinAlreadyAssigned(cmd.din, state.use);
  }
  return [
    {
      type: 'DinAssigned',
      data: { din: cmd.din, use: cmd.use, reference: cmd.reference, assignedAt: cmd.at },
    },
  ];
};

export const dinRegisterDecider: Decider<AssignDin, DinRegisterEvent, DinRegisterState> = {
  initialState: { status: 'Free' },
  evolve: (_state, event) => ({ status: 'Assigned', use: event.data.use, reference: event.data.reference }),
  decide: (command, state) => assignDin(command, state),
};
