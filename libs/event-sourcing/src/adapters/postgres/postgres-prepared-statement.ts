import type { ClientBase, Connection } from 'pg';
import pg from 'pg';
import { serialize } from 'pg-protocol';

/** A result row as the server sent it in text format: one string (or null) per column. */
export type TextRow = (string | null)[];

/**
 * The parts of pg's own Connection (node_modules/pg/lib/connection.js) this file relies on; they
 * are not in pg's public types. pg and pg-protocol are pinned to exact versions in package.json
 * for this reason: a pg upgrade must re-read lib/query.js and lib/client.js against this file.
 */
interface PgConnection {
  stream: { writable: boolean; write(buffer: Buffer): boolean };
  /** Statement names the server has confirmed parsing on this connection (ParseComplete). */
  parsedStatements: Record<string, string | undefined>;
  /** Statement names whose Parse is written but not yet confirmed; pg drops a name on error. */
  submittedNamedStatements: Record<string, string | undefined>;
}

/** pg's own mapping of a JavaScript value to its text parameter, as pg's Query binds it. */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils
  .prepareValue;

const EXECUTE = serialize.execute();
const SYNC = serialize.sync();

/**
 * One execution of a named statement, submitted to a pg Client like pg's own Query, with less
 * on the wire and less work per row: Parse only the first time on a connection, then Bind,
 * Execute and Sync in one write, no Describe (rows come back in text format and the caller knows
 * its columns), no type parsing. The Client routes the server's answers here and keeps its own
 * state (the active query, ReadyForQuery, the parsed-statement bookkeeping) exactly as for a Query.
 */
class PreparedExecution {
  private readonly rows: TextRow[] = [];
  private settled = false;

  constructor(
    readonly name: string,
    readonly text: string,
    private readonly values: readonly unknown[],
    private readonly done: (error: unknown, rows: TextRow[]) => void,
  ) {}

  /** An Error returned here is handed back to handleError by the Client, with nothing written. */
  submit(connection: Connection): Error | null {
    const internals = connection as unknown as PgConnection;
    const parsed = internals.parsedStatements[this.name] ?? internals.submittedNamedStatements[this.name];
    if (parsed !== undefined && parsed !== this.text) {
      return new Error(
        `Prepared statements must be unique - '${this.name}' was used for a different statement`,
      );
    }
    let bind: Buffer;
    try {
      bind = serialize.bind({ statement: this.name, values: [...this.values], valueMapper: prepareValue });
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
    const messages = [bind, EXECUTE, SYNC];
    if (parsed === undefined) {
      messages.unshift(serialize.parse({ name: this.name, text: this.text, types: [] }));
      internals.submittedNamedStatements[this.name] = this.text;
    }
    /* a stream that is no longer writable ends the connection, and the Client fails this execution then */
    if (internals.stream.writable) internals.stream.write(Buffer.concat(messages));
    return null;
  }

  handleRowDescription(): void {}

  handleDataRow(message: { fields: TextRow }): void {
    this.rows.push(message.fields);
  }

  handleCommandComplete(): void {}

  handleEmptyQuery(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: Connection): void {
    (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail(
      'No source stream defined',
    );
  }

  handleCopyData(): void {}

  /**
   * A server error (the server still answers the Sync with ReadyForQuery, which the Client waits
   * for before it writes anything else on the connection), or a broken connection.
   */
  handleError(error: unknown): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  private settle(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.done(error, this.rows);
  }
}

/**
 * Runs the named statement on the client and resolves with its rows in text format, or rejects
 * with the error pg's own Query would give (a server error is the same DatabaseError, with its
 * code and constraint).
 */
export const runPrepared = (
  client: ClientBase,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<TextRow[]> =>
  new Promise((resolve, reject) => {
    client.query(
      new PreparedExecution(name, text, values, (error, rows) => (error ? reject(error) : resolve(rows))),
    );
  });
