import type { NextFunction, Request, Response } from 'express';
import { BadRequestException } from '@nestjs/common';

/** Deeper than any request Hemotrace defines (the deepest is a few levels): refused before validation recurses. */
export const MAX_BODY_DEPTH = 32;

/** Keys that reach an object's prototype: refused like any unknown field, never dropped silently. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (field: string, message: string) =>
  new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: 'The request has invalid fields',
    errors: [{ field, messages: [message] }],
  });

/** Walks the parsed body without recursion, so no body can exhaust the stack here. */
export const findHostileShape = (body: unknown): BadRequestException | null => {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      return refuse(path || '(body)', `nesting deeper than ${MAX_BODY_DEPTH} levels is not accepted`);
    }
    for (const key of Object.keys(value)) {
      const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) {
        return refuse(field, `property ${key} should not exist`);
      }
      pending.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
};

/** Runs right after the JSON body parser, before idempotency, validation and every handler. */
export const hostileInputMiddleware = (request: Request, _response: Response, next: NextFunction) => {
  const problem = findHostileShape(request.body);
  next(problem ?? undefined);
};
