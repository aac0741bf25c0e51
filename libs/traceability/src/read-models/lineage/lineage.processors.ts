import { InProcessBus } from '@hemotrace/messaging';
import { LINEAGE_GRAPH_PROJECTION } from './lineage-graph.projection';
import { LINEAGE_STREAMS_PROJECTION } from './lineage-streams.projection';

/**
 * What a reaction that reads the lineage waits for in one process: the stream index and the graph
 * (run by the in-process bus among the projections). On Kafka the graph is a consumer group of its
 * own and is not among them.
 */
export const LINEAGE_PROCESSORS = [
  LINEAGE_STREAMS_PROJECTION,
  InProcessBus.projectionName({ name: LINEAGE_GRAPH_PROJECTION }),
];
