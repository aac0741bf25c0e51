import { EventEmitter } from 'node:events';
import type { EventStore, LogBatch, LogCheckpoint, SubscribeOptions, Subscription } from './event-store.port';

/**
 * Follows the global log by reading batches after a checkpoint: woken at once by appends made in
 * this process, and by a poll for appends made by other processes. Batches are handled one at a
 * time, in order; a failing handler is retried from the same checkpoint, so nothing is skipped.
 */
export class LogFollower implements Subscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;
  private readonly onAppend = () => this.wake?.();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly notifier: EventEmitter,
    private checkpoint: LogCheckpoint,
    private readonly handler: (batch: LogBatch) => Promise<void>,
    private readonly options: SubscribeOptions = {},
  ) {
    notifier.on('appended', this.onAppend);
    this.done = this.run();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const pollMs = this.options.pollIntervalMs ?? 250;
    let failures = 0;
    while (!this.stopped) {
      try {
        const batch = await this.store.readAll(this.checkpoint, batchSize);
        if (batch.events.length > 0) {
          await this.handler(batch);
          this.checkpoint = batch.checkpoint;
          failures = 0;
          if (batch.events.length === batchSize) {
            /* More to read: one turn of the event loop first, so a long catch-up does not starve I/O. */
            await new Promise((resolve) => setImmediate(resolve));
            continue;
          }
        }
        await this.sleep(pollMs);
      } catch (error) {
        failures += 1;
        this.options.onError?.(error);
        await this.sleep(Math.min(pollMs * 2 ** failures, 10_000));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notifier.off('appended', this.onAppend);
    this.wake?.();
    await this.done;
  }
}

export const createAppendNotifier = (): EventEmitter => {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return emitter;
};
