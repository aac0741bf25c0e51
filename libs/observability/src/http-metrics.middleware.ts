import type { NextFunction, Request, Response } from 'express';
import type { HemotraceMetrics } from './hemotrace-metrics';
import { commandOutcome } from './hemotrace-metrics';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Times every request; a write under /api/v1 also counts as a command with its outcome. */
export const httpMetricsMiddleware =
  (metrics: HemotraceMetrics) => (request: Request, response: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    response.on('finish', () => {
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      const status = response.statusCode;
      end({ method: request.method, route, status: String(status) });
      if (COMMAND_METHODS.has(request.method) && route.startsWith('/api/v1/')) {
        metrics.commands.inc({ command: `${request.method} ${route}`, outcome: commandOutcome(status) });
      }
    });
    next();
  };
