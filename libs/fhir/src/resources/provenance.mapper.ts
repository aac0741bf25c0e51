import type { R5 } from '@smile-cdr/fhirts';
import type { RecordedEvent } from '@hemotrace/event-sourcing';
import { concept, conceptText, narrative, siteReference, SYSTEMS } from './fhir.systems';

/**
 * One recorded event of a resource's stream as a Provenance: who (actor and site), when it happened
 * (occurredAt) and when it was recorded (recordedAt), and the event that caused it (causationId).
 */
export const toProvenance = (event: RecordedEvent, target: string): R5.Provenance => ({
  resourceType: 'Provenance',
  id: event.eventId,
  text: narrative(
    `${event.type} by ${event.actor.userId} (${event.actor.role}) at ${event.actor.siteId}, ${event.occurredAt}`,
  ),
  target: [{ reference: target }],
  occurredDateTime: event.occurredAt,
  recorded: event.recordedAt,
  activity: concept([{ system: SYSTEMS.hemotraceEventType, code: event.type }], event.type),
  agent: [
    {
      type: { coding: [{ system: SYSTEMS.participantType, code: 'author' }] },
      role: [conceptText(event.actor.role)],
      who: {
        identifier: { system: SYSTEMS.hemotraceUser, value: event.actor.userId },
        display: `${event.actor.userId} (${event.actor.role})`,
      },
      onBehalfOf: siteReference(event.actor.siteId),
    },
  ],
  ...(event.causationId
    ? {
        entity: [
          {
            role: 'source' as const,
            what: { identifier: { system: SYSTEMS.hemotraceEvent, value: event.causationId } },
          },
        ],
      }
    : {}),
});
