import type { DocumentReader } from '@hemotrace/event-sourcing';
import { getMany } from '@hemotrace/event-sourcing';
import type { GraphNode, LineageEdge, LineageNode, NodeStreams } from './lineage.model';
import { joinNode, LINEAGE } from './lineage.model';

export type Direction = 'up' | 'down';

export interface Lineage {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

const knownAt = (asOf: string | null | undefined) => (doc: { recordedAt: string }) =>
  asOf === undefined || asOf === null || doc.recordedAt <= asOf;

/** Guards against a malformed graph (a cycle) turning a query into an endless walk. */
const MAX_DEPTH = 64;

/**
 * Walks the lineage graph from indexed documents only, one query per level: `up` towards donors
 * (parents, donations), `down` towards patients (children, shipments, consignees).
 */
export class LineageGraph {
  constructor(private readonly reader: DocumentReader) {}

  async node(id: string, asOf?: string | null): Promise<LineageNode | null> {
    const node = await this.joined(id);
    return node && knownAt(asOf)(node) ? node : null;
  }

  /** A node's facts (from contracts) with the streams holding its history (from the log). */
  private async joined(id: string): Promise<LineageNode | null> {
    const [facts, streams] = await Promise.all([
      this.reader.get<GraphNode>(LINEAGE.nodes, id),
      this.reader.get<NodeStreams>(LINEAGE.nodeStreams, id),
    ]);
    return joinNode(facts, streams);
  }

  async walk(start: string[], direction: Direction, asOf?: string | null): Promise<Lineage> {
    const { seen, edges } = await this.edges(start, direction, asOf);
    return { nodes: await this.nodes([...seen], asOf), edges: [...edges.values()] };
  }

  /** The ids reached from the start nodes in one direction, and the edges that reach them. */
  private async edges(
    start: string[],
    direction: Direction,
    asOf?: string | null,
  ): Promise<{ seen: Set<string>; edges: Map<string, LineageEdge> }> {
    const seen = new Set(start);
    const edges = new Map<string, LineageEdge>();
    let frontier = start;
    for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth += 1) {
      const found = await this.reader.find<LineageEdge>(
        LINEAGE.edges,
        direction === 'up' ? { to: { $in: frontier } } : { from: { $in: frontier } },
      );
      const next: string[] = [];
      for (const edge of found.filter(knownAt(asOf))) {
        edges.set(edge.id, edge);
        const other = direction === 'up' ? edge.from : edge.to;
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
      frontier = next;
    }
    return { seen, edges };
  }

  /** Ancestors and descendants of the start nodes: the vein-to-vein lineage, their nodes read once. */
  async around(start: string, asOf?: string | null): Promise<Lineage> {
    const [up, down] = await Promise.all([
      this.edges([start], 'up', asOf),
      this.edges([start], 'down', asOf),
    ]);
    const edges = new Map([...up.edges, ...down.edges]);
    return {
      nodes: await this.nodes([...new Set([...up.seen, ...down.seen])], asOf),
      edges: [...edges.values()],
    };
  }

  /** The nodes' facts and streams in one batch read per collection, in the order of the ids. */
  async nodes(ids: string[], asOf?: string | null): Promise<LineageNode[]> {
    const [facts, streams] = await Promise.all([
      getMany<GraphNode>(this.reader, LINEAGE.nodes, ids),
      getMany<NodeStreams>(this.reader, LINEAGE.nodeStreams, ids),
    ]);
    return ids
      .map((id) => joinNode(facts.get(id) ?? null, streams.get(id) ?? null))
      .filter((n): n is LineageNode => n !== null && knownAt(asOf)(n));
  }
}
