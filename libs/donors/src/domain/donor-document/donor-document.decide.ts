import type { Decider } from '@hemotrace/event-sourcing';
import { DuplicateDocument } from '../donor/donor.errors';

/**
 * One stream per identity document, named by its hash (never the number): the store's
 * expected-version check on this stream is what keeps two registrations from claiming one document.
 */
export const donorDocumentStreamId = (documentHash: string): string => `DonorDocument-${documentHash}`;

export interface DocumentReserved {
  type: 'DocumentReserved';
  data: { documentHash: string; donorId: string };
}

export type DonorDocumentEvent = DocumentReserved;

export interface ReserveDocument {
  type: 'ReserveDocument';
  documentHash: string;
  donorId: string;
}

export type DonorDocumentState = { status: 'Free' } | { status: 'Reserved'; donorId: string };

/** One person, one donor record: a second registration under a known document is the same person again. */
export const reserveDocument = (cmd: ReserveDocument, state: DonorDocumentState): DonorDocumentEvent[] => {
  if (state.status === 'Reserved') throw new DuplicateDocument(state.donorId);
  return [{ type: 'DocumentReserved', data: { documentHash: cmd.documentHash, donorId: cmd.donorId } }];
};

export const donorDocumentDecider: Decider<ReserveDocument, DonorDocumentEvent, DonorDocumentState> = {
  initialState: { status: 'Free' },
  decide: (command, state) => reserveDocument(command, state),
  evolve: (_state, event) => ({ status: 'Reserved', donorId: event.data.donorId }),
};
