/**
 * Whether the read models have caught up with the log since this process started. The server
 * listens before that (liveness answers at once); readiness stays false until the first catch-up ends.
 */
export class Readiness {
  private caughtUp = false;
  private failure: string | null = null;

  get ready(): boolean {
    return this.caughtUp;
  }

  get error(): string | null {
    return this.failure;
  }

  markCaughtUp(): void {
    this.caughtUp = true;
    this.failure = null;
  }

  markFailed(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
  }
}
