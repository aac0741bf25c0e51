import { group, isCorrection, isLate, sentence, when } from '../describe';
import type { TraceEvent } from '../types';

const detail = (key: string, value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (key === 'bloodGroup') return group(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** The vein-to-vein history in business-time order: every field recorded, who, where, when, and why. */
export const Timeline = ({ events }: { events: TraceEvent[] }) => {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const ordered = [...events].sort(
    (a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.globalPosition - b.globalPosition,
  );
  return (
    <ol className="timeline" aria-label="Timeline">
      {ordered.map((e) => {
        const late = isLate(e);
        const correction = isCorrection(e);
        const cause = e.why.causationId ? byId.get(e.why.causationId) : undefined;
        return (
          <li
            key={e.eventId}
            id={`event-${e.eventId}`}
            className={`event${late ? ' late' : ''}${correction ? ' correction' : ''}`}
            data-type={e.type}
          >
            <div className="event-head">
              <time dateTime={e.occurredAt}>{when(e.occurredAt)}</time>
              <strong>{sentence(e)}</strong>
              {late && <span className="badge warn">late entry</span>}
              {correction && <span className="badge warn">correction</span>}
            </div>
            <div className="event-meta">
              <span>
                by {e.who.userId} ({e.who.role}) at {e.where}
              </span>
              <span>recorded {when(e.recordedAt)}</span>
              <span>
                {e.streamId} v{e.streamVersion}
              </span>
              {e.why.causationId && (
                <span>
                  caused by{' '}
                  {cause ? (
                    <a href={`#event-${cause.eventId}`}>
                      {cause.type} ({cause.streamId})
                    </a>
                  ) : (
                    <span>event {e.why.causationId}</span>
                  )}
                </span>
              )}
            </div>
            <details>
              <summary>Every recorded detail ({e.type})</summary>
              <dl className="fields">
                {Object.entries(e.data ?? {}).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{detail(k, v)}</dd>
                  </div>
                ))}
                <div>
                  <dt>hash</dt>
                  <dd className="mono">{e.hash}</dd>
                </div>
                <div>
                  <dt>correlation</dt>
                  <dd className="mono">{e.why.correlationId}</dd>
                </div>
              </dl>
            </details>
          </li>
        );
      })}
    </ol>
  );
};
