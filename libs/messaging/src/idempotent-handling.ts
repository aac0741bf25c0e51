import type { DocumentWriter } from '@hemotrace/event-sourcing';
import { UnitOfWork } from '@hemotrace/event-sourcing';
import type { IntegrationEventHandler } from './bus.port';
import type { IntegrationEvent } from './contracts/integration-event';

/** One document per (handler, event id) already handled; shared by every handler of a store. */
export const PROCESSED_MESSAGES = 'processed_messages';

export interface ProcessedMessage {
  id: string;
  handler: string;
  eventId: string;
  type: string;
  subject: string;
  handledAt: string;
}

export const processedMessageId = (handler: string, eventId: string): string => `${handler}:${eventId}`;

/**
 * Runs the handler unless it already processed this event id, inside `tx`: the handler's writes
 * and the processed marker land in the same unit of work, so the caller commits both or neither.
 * The handler works in its own scope, so a failed attempt leaves nothing behind in `tx`.
 * Returns false for a duplicate.
 */
export const handleOnce = async (
  handler: IntegrationEventHandler,
  event: IntegrationEvent,
  tx: DocumentWriter,
  handledAt: string,
): Promise<boolean> => {
  const id = processedMessageId(handler.name, event.id);
  if (await tx.get(PROCESSED_MESSAGES, id)) return false;
  await handleInScope(handler, event, tx);
  const marker: ProcessedMessage = {
    id,
    handler: handler.name,
    eventId: event.id,
    type: event.type,
    subject: event.subject,
    handledAt,
  };
  tx.put(PROCESSED_MESSAGES, id, marker);
  return true;
};

/** Runs the handler in its own scope and keeps its writes in `tx` only if it succeeds. */
export const handleInScope = async (
  handler: IntegrationEventHandler,
  event: IntegrationEvent,
  tx: DocumentWriter,
): Promise<void> => {
  const scope = new UnitOfWork(tx);
  await handler.handle(event, scope);
  for (const write of scope.writes()) {
    if (write.op === 'put') tx.put(write.collection, write.id, write.doc);
    else tx.delete(write.collection, write.id);
  }
};

export const handles = (handler: IntegrationEventHandler, event: IntegrationEvent): boolean =>
  !handler.types || handler.types.includes(event.type);
