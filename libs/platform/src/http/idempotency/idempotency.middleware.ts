import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { canonicalJson } from '@hemotrace/event-sourcing';
import { DomainError } from '@hemotrace/kernel';
import type { Logger } from '../../logger';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store';

export interface IdempotencyOptions {
  /** How long a key is remembered (HEMOTRACE_IDEMPOTENCY_TTL_HOURS, default 24 h). */
  ttlMs: number;
  /** How long a claim may run before another request under the key takes it over (HEMOTRACE_IDEMPOTENCY_LEASE_MS). */
  leaseMs: number;
}

export const idempotencyOptionsFrom = (env: NodeJS.ProcessEnv): IdempotencyOptions => {
  const hours = Number(env.HEMOTRACE_IDEMPOTENCY_TTL_HOURS ?? 24);
  const lease = Number(env.HEMOTRACE_IDEMPOTENCY_LEASE_MS ?? 30_000);
  if (!(hours > 0)) throw new Error(`HEMOTRACE_IDEMPOTENCY_TTL_HOURS must be positive; got ${hours}`);
  if (!(lease > 0)) throw new Error(`HEMOTRACE_IDEMPOTENCY_LEASE_MS must be positive; got ${lease}`);
  return { ttlMs: hours * 3_600_000, leaseMs: lease };
};

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const POLL_MS = 20;
const PURGE_EVERY_MS = 60_000;

/** Answers that say nothing about the command: a retry must be free to run it again. */
const notKept = (status: number): boolean => status >= 500 || status === 401 || status === 403;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** IETF httpapi Idempotency-Key draft, section 2.7: a key reused for another request payload. */
export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super(
      'IDEMPOTENCY.KEY_REUSED',
      'This Idempotency-Key was used for another request; use a new key for a new request',
    );
  }
}

/**
 * Idempotency-Key as the IETF httpapi draft describes it, for every command route at once. The
 * first request under a key (per credential) claims it, runs, and its status and body are kept;
 * a retry with the same method, path and body gets exactly that answer back (header
 * `Idempotent-Replayed: true`); the same key with another request is refused with 422
 * IDEMPOTENCY.KEY_REUSED. A retry that arrives while the first is still running waits for its
 * answer. What the command did is decided by its own append (commandId = the key): a request whose
 * process died before answering is run again when its claim goes stale, and its append is a
 * duplicate that writes nothing new.
 */
export const idempotencyMiddleware = (
  store: IdempotencyStore,
  options: IdempotencyOptions,
  logger: Logger,
) => {
  let lastPurge = 0;
  return async (request: Request, response: Response, next: NextFunction) => {
    const key = request.header('idempotency-key');
    if (!key || !KEY.test(key) || !WRITES.has(request.method) || !request.path.startsWith('/api/')) {
      return next();
    }
    const scope = sha256(request.header('authorization') ?? '');
    const fingerprint = sha256(
      `${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`,
    );
    const run = () => {
      captureAnswer(response, (answer) => {
        const done = notKept(answer.status) ? store.release(scope, key) : store.complete(scope, key, answer);
        done.catch((error: unknown) => logger.error({ err: error }, 'Idempotency key not recorded'));
      });
      next();
    };
    try {
      const now = Date.now();
      if (now - lastPurge > PURGE_EVERY_MS) {
        lastPurge = now;
        store
          .purge(now - options.ttlMs)
          .catch((error: unknown) => logger.error({ err: error }, 'Idempotency purge failed'));
      }
      for (;;) {
        const claim = await store.claim(scope, key, fingerprint, Date.now());
        if (claim.claimed) return run();
        const { record } = claim;
        if (record.fingerprint !== fingerprint) {
          return next(new IdempotencyKeyReused());
        }
        if (record.response) return replay(response, record.response);
        const settled = await waitFor(store, scope, key, fingerprint, record, options.leaseMs);
        if (settled === 'claimed') return run();
        if (settled === 'stale') {
          if (await store.takeOver(scope, key, record.claimedAt, Date.now())) return run();
          continue;
        }
        return replay(response, settled);
      }
    } catch (error) {
      return next(error);
    }
  };
};

const replay = (response: Response, answer: NonNullable<IdempotencyRecord['response']>) => {
  response.status(answer.status).setHeader('Idempotent-Replayed', 'true');
  if (answer.contentType) response.setHeader('Content-Type', answer.contentType);
  response.end(answer.body);
};

/** Until the first request answers, its claim goes stale, or it gives the key back (then it is ours). */
const waitFor = async (
  store: IdempotencyStore,
  scope: string,
  key: string,
  fingerprint: string,
  seen: IdempotencyRecord,
  leaseMs: number,
): Promise<NonNullable<IdempotencyRecord['response']> | 'stale' | 'claimed'> => {
  let record = seen;
  for (;;) {
    if (Date.now() - record.claimedAt >= leaseMs) return 'stale';
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const again = await store.claim(scope, key, fingerprint, Date.now());
    if (again.claimed) return 'claimed';
    record = again.record;
    if (record.response) return record.response;
  }
};

/** Collects what is sent, and hands it over once the response is finished. */
const captureAnswer = (
  response: Response,
  onAnswer: (answer: NonNullable<IdempotencyRecord['response']>) => void,
) => {
  const chunks: Buffer[] = [];
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => Response;
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
    );
  };
  (response as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0]);
    return write(chunk, ...rest);
  };
  (response as { end: unknown }).end = (chunk?: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0]);
    return end(chunk, ...rest);
  };
  response.once('finish', () => {
    const contentType = response.getHeader('content-type');
    onAnswer({
      status: response.statusCode,
      contentType: typeof contentType === 'string' ? contentType : null,
      body: Buffer.concat(chunks).toString('utf8'),
    });
  });
};
