import type { INestApplication } from '@nestjs/common';
import { HEADERS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from '@hemotrace/auth';
import type { Role } from '@hemotrace/kernel';
import { PROBLEM_JSON } from '../problem.filter';
import GENERATED from './api-contract.generated.json';
import { PROBLEM_CODES } from './problem-codes';

/**
 * What test/support/api-contract.generator.ts reads from the sources with the TypeScript compiler:
 * each route's success schema (its method's return type) and the stable codes it can raise (the
 * error classes its controller, handlers and deciders construct). test/generated-contracts.e2e-spec.ts
 * keeps it in step with the code.
 */
interface GeneratedContract {
  operations: Record<string, { response?: string; errors: Partial<Record<ErrorStatus, string[]>> }>;
  schemas: Record<string, object>;
}
const GENERATED_CONTRACT = GENERATED as unknown as GeneratedContract;

/** Who may call a route and what it answers with, read from the same metadata the guard reads. */
export interface RouteAccess {
  public: boolean;
  /** Admin always may (AuthGuard); empty for a public route. */
  roles: Role[];
  contentType?: string;
}

/** Keyed like @nestjs/swagger's default operationId: `${ControllerClass}_${methodName}`. */
export const routeAccessOf = (app: INestApplication): Map<string, RouteAccess> => {
  const reflector = new Reflector();
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        const targets = [handler, controller];
        const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
        const allowed = reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
        const headers =
          (Reflect.getMetadata(HEADERS_METADATA, handler) as Array<{ name: string; value: string }>) ?? [];
        access.set(`${controller.name}_${name}`, {
          public: isPublic,
          roles: isPublic ? [] : ['admin', ...allowed.filter((role) => role !== 'admin')],
          contentType: headers.find((h) => h.name.toLowerCase() === 'content-type')?.value.split(';')[0],
        });
      }
    }
  }
  return access;
};

type ErrorStatus = '400' | '401' | '403' | '404' | '409' | '413' | '422';

/**
 * Codes any route can answer with, raised outside its own code: the validation pipe, the problem
 * filter, the auth guard, the idempotency middleware and the store's expected-version check.
 */
const HTTP_CODES: Record<ErrorStatus, string[]> = {
  '400': ['VALIDATION_FAILED', 'HTTP.MALFORMED_JSON', 'HTTP.BAD_REQUEST'],
  '401': ['AUTH.UNAUTHENTICATED'],
  '403': ['AUTH.ROLE_NOT_ALLOWED', 'AUTH.FORBIDDEN'],
  '404': ['HTTP.NOT_FOUND'],
  '409': ['HTTP.CONFLICT', 'STORE.CONCURRENCY_CONFLICT'],
  '413': ['HTTP.PAYLOAD_TOO_LARGE'],
  /* libs/kernel/src/time/business-time.ts prefixes these with the context (e.g. COLLECTION.) */
  '422': [
    'IDEMPOTENCY.KEY_REUSED',
    '*.BUSINESS_TIME_IN_FUTURE',
    '*.LATE_ENTRY_REASON_REQUIRED',
    '*.BUSINESS_TIMES_OUT_OF_ORDER',
  ],
};

const ERROR_RESPONSES: Record<ErrorStatus, { name: string; summary: string }> = {
  '400': {
    name: 'BadRequest',
    summary: 'The request has invalid fields or parameters; nothing was written.',
  },
  '401': { name: 'Unauthenticated', summary: 'No valid bearer token.' },
  '403': { name: 'Forbidden', summary: "The caller's role or site may not do this." },
  '404': { name: 'NotFound', summary: 'What the path names does not exist.' },
  '409': { name: 'Conflict', summary: 'It exists already, or the stream moved on (concurrency).' },
  '413': { name: 'PayloadTooLarge', summary: 'The request body is larger than allowed.' },
  '422': { name: 'RuleBroken', summary: 'A business rule refuses the command; nothing was written.' },
};

const codesFor = (status: ErrorStatus): string[] => [
  ...HTTP_CODES[status],
  ...((PROBLEM_CODES as Record<string, readonly string[]>)[status] ?? []),
];

/** RFC 9457 problem details as ProblemFilter writes them. */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; match on `code`, which is stable.',
  required: ['type', 'title', 'status', 'detail', 'code', 'message'],
  properties: {
    type: {
      type: 'string',
      description: 'urn:hemotrace:problem:<code>',
      example: 'urn:hemotrace:problem:VALIDATION_FAILED',
    },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request has invalid fields' },
    instance: { type: 'string', description: 'The request path', example: '/api/v1/donations' },
    code: { type: 'string', description: 'The stable code', example: 'VALIDATION_FAILED' },
    message: { type: 'string', description: 'Same as detail' },
    statusCode: { type: 'integer', description: 'Same as status' },
    errors: {
      type: 'array',
      description: 'Field messages of a refused body (400 VALIDATION_FAILED)',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
      },
    },
    details: { type: 'object', additionalProperties: true },
    correlationId: { type: 'string' },
  },
};

const FHIR_JSON = 'application/fhir+json';

/** What FhirOutcomeFilter (libs/fhir) answers with instead: the stable code is in issue[].details. */
const OPERATION_OUTCOME_SCHEMA = {
  type: 'object',
  description: 'A FHIR R5 OperationOutcome; issue[0].details.coding[0].code is the stable Hemotrace code.',
  required: ['resourceType', 'issue'],
  properties: {
    resourceType: { type: 'string', enum: ['OperationOutcome'] },
    issue: {
      type: 'array',
      items: {
        type: 'object',
        required: ['severity', 'code'],
        properties: {
          severity: { type: 'string' },
          code: { type: 'string' },
          details: {
            type: 'object',
            properties: {
              coding: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { system: { type: 'string' }, code: { type: 'string' } },
                },
              },
              text: { type: 'string' },
            },
          },
          diagnostics: { type: 'string' },
        },
      },
    },
  },
};

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Operation {
  operationId?: string;
  description?: string;
  parameters?: Array<{ in?: string }>;
  responses: Record<
    string,
    | { description?: string; content?: Record<string, unknown>; 'x-stable-codes'?: string[] }
    | { $ref: string }
  >;
  'x-roles'?: string[];
  'x-public'?: boolean;
}

/** FHIR R5 bodies are HL7's resources; their full definitions are at hl7.org/fhir/R5. */
const FHIR_SCHEMAS = {
  FhirResource: {
    type: 'object',
    description: 'A FHIR R5 resource (http://hl7.org/fhir/R5/resourcelist.html).',
    required: ['resourceType'],
    properties: { resourceType: { type: 'string' }, id: { type: 'string' } },
    additionalProperties: true,
  },
  FhirBundle: {
    type: 'object',
    description: 'A FHIR R5 searchset Bundle (http://hl7.org/fhir/R5/bundle.html).',
    required: ['resourceType', 'type'],
    properties: {
      resourceType: { type: 'string', enum: ['Bundle'] },
      type: { type: 'string', enum: ['searchset'] },
      total: { type: 'integer' },
      link: {
        type: 'array',
        items: { type: 'object', properties: { relation: { type: 'string' }, url: { type: 'string' } } },
      },
      entry: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            fullUrl: { type: 'string' },
            resource: { $ref: '#/components/schemas/FhirResource' },
          },
        },
      },
    },
    additionalProperties: true,
  },
};

const successContent = (path: string, contentType: string | undefined, operationId: string | undefined) => {
  if (path.endsWith('.pdf')) return { 'application/pdf': { schema: { type: 'string', format: 'binary' } } };
  if (contentType?.startsWith('text/')) return { [contentType]: { schema: { type: 'string' } } };
  if (contentType === FHIR_JSON) {
    const search = !/\{[^}]+\}$/.test(path) && !path.endsWith('/metadata');
    return {
      [FHIR_JSON]: { schema: { $ref: `#/components/schemas/${search ? 'FhirBundle' : 'FhirResource'}` } },
    };
  }
  const named = operationId ? GENERATED_CONTRACT.operations[operationId]?.response : undefined;
  return named
    ? { [contentType ?? 'application/json']: { schema: { $ref: `#/components/schemas/${named}` } } }
    : undefined;
};

const codeList = (codes: string[]) => codes.map((c) => `\`${c}\``).join(', ');

/**
 * Completes what @nestjs/swagger derives from the controllers: RFC 9457 error responses with the
 * stable codes, a schema for every success, and the roles that may call each operation.
 */
export const completeApiContract = (
  document: OpenAPIObject,
  access: Map<string, RouteAccess>,
): OpenAPIObject => {
  const components = (document.components ??= {});
  components.schemas = {
    ...components.schemas,
    ...GENERATED_CONTRACT.schemas,
    ...FHIR_SCHEMAS,
    Problem: PROBLEM_SCHEMA,
    OperationOutcome: OPERATION_OUTCOME_SCHEMA,
  };
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(
      (Object.keys(ERROR_RESPONSES) as ErrorStatus[]).map((status) => {
        const codes = codesFor(status);
        return [
          ERROR_RESPONSES[status].name,
          {
            description: `${ERROR_RESPONSES[status].summary} Stable codes: ${codeList(codes)}.`,
            'x-stable-codes': codes,
            content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ];
      }),
    ),
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const route = operation.operationId ? access.get(operation.operationId) : undefined;
      const isPublic = route?.public ?? false;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^2/.test(status) || '$ref' in response) continue;
        if (!response.description) response.description = status === '201' ? 'Created' : 'OK';
        if (status === '204') continue;
        const content = successContent(path, route?.contentType, operation.operationId);
        if (content) response.content ??= content;
      }
      const hasPathParameters = (operation.parameters ?? []).some((p) => p.in === 'path');
      const raised =
        (operation.operationId && GENERATED_CONTRACT.operations[operation.operationId]?.errors) || {};
      const errors = new Set<ErrorStatus>(
        WRITE_METHODS.has(method)
          ? ['400', '401', '403', '404', '409', '413', '422']
          : hasPathParameters
            ? ['400', '401', '403', '404']
            : ['400', '401', '403'],
      );
      (Object.keys(raised) as ErrorStatus[]).forEach((status) => errors.add(status));
      for (const status of [...errors].sort()) {
        if (isPublic && (status === '401' || status === '403')) continue;
        /* The HTTP layer's codes can come from any route; the rest from what this route's code raises. */
        const codes = [...HTTP_CODES[status], ...(raised[status] ?? [])];
        const fhir = route?.contentType === FHIR_JSON;
        operation.responses[status] ??= {
          description: `${ERROR_RESPONSES[status].summary} Stable codes: ${codeList(codes)}.`,
          'x-stable-codes': codes,
          content: fhir
            ? { [FHIR_JSON]: { schema: { $ref: '#/components/schemas/OperationOutcome' } } }
            : { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
      if (route) {
        const who = isPublic ? 'public (no token needed)' : route.roles.join(', ');
        operation['x-roles'] = route.roles;
        if (isPublic) operation['x-public'] = true;
        operation.description = [operation.description, `Roles: ${who}.`].filter(Boolean).join('\n\n');
      }
    }
  }
  return document;
};
