import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { navigate } from '../router';
import type { LineageEdge, LineageNode } from '../types';

const COLORS: Record<string, string> = {
  donor: '#6a3d9a',
  donation: '#b2182b',
  unit: '#d6604d',
  shipment: '#2166ac',
  site: '#1b7837',
  patient: '#8c510a',
};

/** Where a click on a node leads: its own page in the workbench. */
export const pathOf = (node: Pick<LineageNode, 'kind' | 'key'>): string | null => {
  switch (node.kind) {
    case 'unit':
      return `/units/${encodeURIComponent(node.key)}`;
    case 'donation':
      return `/donations/${encodeURIComponent(node.key)}`;
    case 'donor':
      return `/donors/${encodeURIComponent(node.key)}`;
    case 'patient':
      return `/patients/${encodeURIComponent(node.key)}`;
    default:
      return null;
  }
};

/** Donor -> donation -> components -> divisions and pools -> shipments -> hospitals -> patients, left to right. */
export const LineageGraph = ({
  nodes,
  edges,
  focus,
}: {
  nodes: LineageNode[];
  edges: LineageEdge[];
  focus: string;
}) => {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const known = new Set(nodes.map((n) => n.id));
    const cy = cytoscape({
      container: container.current,
      elements: [
        ...nodes.map((n) => ({
          data: { id: n.id, label: `${n.kind}\n${n.key}`, color: COLORS[n.kind] ?? '#444' },
          classes: n.key === focus ? 'focus' : '',
        })),
        ...edges
          .filter((e) => known.has(e.from) && known.has(e.to))
          .map((e) => ({ data: { id: e.id, source: e.from, target: e.to, label: e.kind.toLowerCase() } })),
      ],
      layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.5, padding: 10 },
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(color)',
            label: 'data(label)',
            'text-wrap': 'wrap',
            'font-size': 9,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            width: 18,
            height: 18,
            color: '#222',
            'text-background-color': '#fff',
            'text-background-opacity': 0.85,
          },
        },
        {
          selector: 'node.focus',
          style: { 'border-width': 4, 'border-color': '#000', width: 24, height: 24 },
        },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#999',
            'target-arrow-color': '#999',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            label: 'data(label)',
            'font-size': 7,
            color: '#555',
            'text-background-color': '#fff',
            'text-background-opacity': 1,
            'text-rotation': 'autorotate',
          },
        },
      ],
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (event) => {
      const node = nodes.find((n) => n.id === event.target.id());
      const path = node && pathOf(node);
      if (path) navigate(path);
    });
    return () => cy.destroy();
  }, [nodes, edges, focus]);
  return (
    <div>
      <div
        ref={container}
        className="graph"
        role="img"
        aria-label={`Lineage graph of ${nodes.length} nodes`}
      />
      <ul className="graph-legend" aria-label="Graph nodes">
        {nodes.map((n) => {
          const path = pathOf(n);
          return (
            <li key={n.id}>
              <span className="dot" style={{ background: COLORS[n.kind] }} aria-hidden="true" />
              {path ? (
                <a href={`/ui${path}`} onClick={(e) => (e.preventDefault(), navigate(path))}>
                  {n.kind} {n.key}
                </a>
              ) : (
                <span>
                  {n.kind} {n.key}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
};
