import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import type { R5 } from '@smile-cdr/fhirts';
import { ConflictError, DomainError, InvalidInput, NotFoundError, PermissionDenied } from '@hemotrace/kernel';
import { operationOutcome } from './resources/bundle';
import { FHIR_JSON } from './resources/fhir.systems';

type IssueType = R5.OperationOutcomeIssue['code'];

const ISSUE_BY_STATUS: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
};

const statusOf = (error: DomainError): number => {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof PermissionDenied) return 403;
  if (error instanceof InvalidInput) return 400;
  return 422;
};

/** FHIR clients read errors as an OperationOutcome; the stable Hemotrace code travels in issue.details. */
@Catch()
export class FhirOutcomeFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let code = 'INTERNAL_ERROR';
    let message = 'Something went wrong';
    if (exception instanceof DomainError) {
      status = statusOf(exception);
      code = exception.code;
      message = exception.message;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse() as { code?: string; message?: unknown };
      code = typeof body === 'object' && body?.code ? body.code : `HTTP.${status}`;
      message =
        typeof body === 'object' && typeof body?.message === 'string' ? body.message : exception.message;
    }
    response
      .status(status)
      .setHeader('Content-Type', FHIR_JSON)
      .send(JSON.stringify(operationOutcome(ISSUE_BY_STATUS[status] ?? 'processing', code, message)));
  }
}
