import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { AdverseReactionReportedContract } from '../contracts/transfusion.contracts';

export const REACTIONS = 'transfusion_reactions';

export type ReactionView = AdverseReactionReportedContract;

/** The haemovigilance register: one document per reported reaction, counted by the query. */
export const haemovigilanceProjection: Projection = {
  name: 'transfusion-haemovigilance',
  collections: [REACTIONS],
  indexes: { [REACTIONS]: [['hospitalSiteId']] },
  handles: ['AdverseReactionReported'],
  apply(event: RecordedEvent, tx: DocumentWriter) {
    if (!event.streamId.startsWith('TransfusionRequest-')) return;
    const d = event.data as AdverseReactionReportedContract;
    tx.put<ReactionView>(REACTIONS, d.reactionId, d);
  },
};
