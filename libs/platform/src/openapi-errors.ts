import { ApiExtension, OpenAPIObject } from '@nestjs/swagger';
import { DOMAIN_ERROR_KINDS } from '@readmission/errors';

const OPT_OUT = 'x-no-domain-errors';

/** Marks a route that never answers with a domain error, e.g. health and metrics (routes only: Swagger reads extensions per method). */
export const ApiNoDomainErrors = (): MethodDecorator => ApiExtension(OPT_OUT, true);

const RESPONSES: Record<string, string> = {
  '400':
    'Invalid input: a domain `invalid-input` error (`details` lists `{path, message}`), or the request failed validation (Nest `HttpError`, `message` lists the problems).',
  '404': 'Not found: a domain `not-found` error, or no such route.',
  '409': 'Conflict with the current state (already done, wrong state, duplicate): a domain `conflict` error.',
  '422': 'A rule of the agreement or of the workflow forbids it: a domain `rule-broken` error.',
};

const SCHEMAS = {
  DomainError: {
    type: 'object',
    description: 'A domain error, mapped to HTTP the same way by every service.',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer', enum: [400, 404, 409, 422] },
      error: { type: 'string', enum: [...DOMAIN_ERROR_KINDS] },
      message: { type: 'string', description: 'What went wrong, by identifiers only.' },
      details: { description: 'Machine-readable facts; for invalid-input a list of `{path, message}`.' },
    },
  },
  HttpError: {
    type: 'object',
    description: "Nest's own HTTP errors (request validation, authentication, unknown route).",
    required: ['statusCode', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      error: { type: 'string' },
    },
  },
};

const schemaOf = (status: string) =>
  status === '400' || status === '404'
    ? { oneOf: [{ $ref: '#/components/schemas/DomainError' }, { $ref: '#/components/schemas/HttpError' }] }
    : { $ref: '#/components/schemas/DomainError' };

/**
 * Documents the platform's error responses once for every service: the `DomainError` and `HttpError` schemas,
 * and 400/404/409/422 on every operation that does not declare that status itself or opt out (ApiNoDomainErrors).
 */
export function documentDomainErrors(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...SCHEMAS };
  for (const path of Object.values(document.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (!operation) continue;
      const marks = operation as unknown as Record<string, unknown>;
      if (marks[OPT_OUT]) {
        delete marks[OPT_OUT];
        continue;
      }
      for (const [status, description] of Object.entries(RESPONSES)) {
        operation.responses[status] ??= { description, content: { 'application/json': { schema: schemaOf(status) } } };
      }
    }
  }
  return document;
}
