import type { Actor } from '@hemotrace/kernel';
import { systemActor } from '@hemotrace/kernel';
import type { IntegrationEvent } from './contracts/integration-event';

export interface ReactionContext {
  actor: Actor;
  correlationId: string;
  causationId: string;
  commandId: string;
  now: string;
}

/**
 * The command context of a reaction: the system acting at the site that recorded the cause, in
 * the cause's correlation, with a commandId derived from the event id so a redelivered event
 * (at-least-once) appends nothing twice. `step` tells apart several commands for one event.
 */
export const reactionContext = (
  handlerName: string,
  event: IntegrationEvent,
  now: string,
  step?: string,
): ReactionContext => ({
  actor: systemActor((event.data as { recordedAtSite?: string } | null)?.recordedAtSite),
  correlationId: event.correlationId,
  causationId: event.id,
  commandId: step ? `${handlerName}:${event.id}:${step}` : `${handlerName}:${event.id}`,
  now,
});
