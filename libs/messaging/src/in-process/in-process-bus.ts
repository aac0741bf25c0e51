import type { DocumentWriter, ProjectionRunner, RecordedEvent } from '@hemotrace/event-sourcing';
import type {
  BusKind,
  ContractProjection,
  IntegrationBus,
  IntegrationEventHandler,
  RetryPolicy,
} from '../bus.port';
import { backoffDelay, DEFAULT_RETRY, sleep } from '../bus.port';
import type { ContractRegistry } from '../contracts/contract-registry';
import { handleInScope, handleOnce, handles } from '../idempotent-handling';
import type { DeadLetter, DeadLetterSink } from '../failures/dead-letter';
import { DEAD_LETTERS, deadLetterId } from '../failures/dead-letter';
import { failureErrorOf, isPermanentFailure } from '../failures/failure-error';

export interface InProcessBusOptions {
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
  onDeadLetter?: (letter: DeadLetter) => void;
  /** Records each dead letter as a fact (ReactionFailed); the letter itself commits with the batch. */
  deadLetters?: DeadLetterSink;
}

/**
 * The embedded default: the global log is the bus. Each handler follows the log from its own
 * checkpoint through the ProjectionRunner, seeing exactly the integration events Kafka
 * subscribers see (same registry, same dedupe, same dead-lettering), with no broker.
 *
 * Handlers are registered as `reactor:bus:<name>`: the runner commits a batch's document writes
 * with the checkpoint, and the `reactor:` prefix keeps them out of the read-your-writes catch-up
 * of CommandExecutor, so a handler may itself execute commands.
 */
export class InProcessBus implements IntegrationBus {
  readonly kind: BusKind = 'in-process';
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;
  private readonly handlers = new Map<string, IntegrationEventHandler>();

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly registry: ContractRegistry,
    private readonly options: InProcessBusOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.now = options.now ?? (() => new Date());
  }

  static processorName(handler: Pick<IntegrationEventHandler, 'name'>): string {
    return `reactor:bus:${handler.name}`;
  }

  /** A contract projection runs in the projections' lane, so queries wait for it (read-your-writes). */
  static projectionName(projection: Pick<ContractProjection, 'name'>): string {
    return `bus:${projection.name}`;
  }

  subscribe(handler: IntegrationEventHandler): void {
    this.register(handler);
    this.runner.addProjection({
      name: InProcessBus.processorName(handler),
      collections: [],
      handles: handler.types ? this.registry.storedTypesOf(handler.types) : undefined,
      apply: (recorded, tx) => this.deliver(handler, recorded, tx, { dedupe: true }),
    });
  }

  /**
   * Its checkpoint commits with its documents, so it needs no processed-message markers: without
   * them a rebuild (which clears its collections) replays every contract instead of skipping them.
   */
  project(projection: ContractProjection): void {
    this.register(projection);
    this.runner.addProjection({
      name: InProcessBus.projectionName(projection),
      collections: projection.collections,
      indexes: projection.indexes,
      handles: projection.types ? this.registry.storedTypesOf(projection.types) : undefined,
      apply: (recorded, tx) => this.deliver(projection, recorded, tx, { dedupe: false }),
    });
  }

  private register(handler: IntegrationEventHandler): void {
    if (this.handlers.has(handler.name))
      throw new Error(`A handler named ${handler.name} is already subscribed`);
    this.handlers.set(handler.name, handler);
  }

  /** Contract types a handler waits for that no context in this process registered: it would wait forever. */
  unpublishedSubscriptions(): { handler: string; type: string }[] {
    const published = new Set(this.registry.registeredTypes());
    return [...this.handlers.values()].flatMap((h) =>
      (h.types ?? []).filter((type) => !published.has(type)).map((type) => ({ handler: h.name, type })),
    );
  }

  handler(name: string): IntegrationEventHandler | undefined {
    return this.handlers.get(name);
  }

  /** The runner drives delivery; its lifecycle belongs to the platform. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  private async deliver(
    handler: IntegrationEventHandler,
    recorded: RecordedEvent,
    tx: DocumentWriter,
    { dedupe }: { dedupe: boolean },
  ): Promise<void> {
    const routing = this.registry.route(recorded);
    if (!routing.publish || !handler.contexts.includes(routing.context)) return;
    const event = routing.event;
    if (!handles(handler, event)) return;
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (dedupe) await handleOnce(handler, event, tx, this.now().toISOString());
        else await handleInScope(handler, event, tx);
        return;
      } catch (error) {
        if (attempt >= this.retry.maxAttempts || isPermanentFailure(error)) {
          const letter: DeadLetter = {
            id: deadLetterId(handler.name, event.id),
            handler: handler.name,
            event,
            error: failureErrorOf(error),
            attempts: attempt,
            failedAt: this.now().toISOString(),
            bus: this.kind,
          };
          await this.options.deadLetters?.deadLettered(letter);
          tx.put(DEAD_LETTERS, letter.id, letter);
          this.options.onDeadLetter?.(letter);
          return;
        }
        await sleep(backoffDelay(this.retry, attempt));
      }
    }
  }
}
