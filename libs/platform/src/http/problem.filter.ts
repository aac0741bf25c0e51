import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConflictError, DomainError, InvalidInput, NotFoundError, PermissionDenied } from '@hemotrace/kernel';
import type { Logger } from '../logger';

const statusOf = (error: DomainError): number => {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof PermissionDenied) return 403;
  if (error instanceof InvalidInput) return 400;
  return 422;
};

const HTTP_CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  409: 'HTTP.CONFLICT',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
};

export const PROBLEM_JSON = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
};

/**
 * RFC 9457 members: `type` names the stable code as a URN (clients keep matching on `code`),
 * `title` the HTTP status, `detail` the message, `instance` the request path.
 */
export const problemFields = (status: number, code: string, detail: string, instance: string) => ({
  type: `urn:hemotrace:problem:${code}`,
  title: TITLES[status] ?? `HTTP ${status}`,
  status,
  detail,
  instance,
});

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * The one place errors become HTTP: 400 with field messages, 404, 409 on concurrency, 422 with a
 * stable code for a broken rule. Every body has `code` and `message`, and the correlation id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { correlationId?: string }>();
    const correlationId = request.correlationId;
    const send = (status: number, body: Record<string, unknown>) =>
      response
        .status(status)
        .type(PROBLEM_JSON)
        .send(
          JSON.stringify({
            ...problemFields(
              status,
              String(body.code),
              String(body.message),
              request.originalUrl ?? request.url,
            ),
            statusCode: status,
            ...body,
            correlationId,
          }),
        );

    const parserError = exception as BodyParserError;
    if (parserError?.type === 'entity.too.large') {
      return void send(413, {
        code: 'HTTP.PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than allowed',
      });
    }
    if (parserError?.type === 'entity.parse.failed') {
      return void send(400, { code: 'HTTP.MALFORMED_JSON', message: 'The request body is not valid JSON' });
    }

    if (exception instanceof DomainError) {
      return void send(statusOf(exception), {
        code: exception.code,
        message: exception.message,
        details: exception.details,
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const body =
        typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
      /* Nest turns body-parser failures into a bare 400 whose message is the JSON parser's. */
      const malformedJson = status === 400 && !body.code && /JSON/.test(exception.message);
      return void send(status, {
        code: body.code ?? (malformedJson ? 'HTTP.MALFORMED_JSON' : (HTTP_CODES[status] ?? `HTTP.${status}`)),
        message: typeof body.message === 'string' ? body.message : exception.message,
        ...(body.errors ? { errors: body.errors } : {}),
        ...(body.details ? { details: body.details } : {}),
      });
    }
    this.logger.error({ err: exception, correlationId, path: request.url }, 'Unhandled error');
    send(500, {
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong; the error was logged with the correlation id',
    });
  }
}
