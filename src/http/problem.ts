import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../core/errors.ts';

/**
 * The one place HTTP statuses are chosen for errors. Every error leaves as RFC 9457
 * problem+json with a stable `code`; anything we did not expect is logged and answered as a bare 500.
 */
const exactStatus: Record<string, number> = {
  'auth.unauthenticated': 401,
  'auth.login_failed': 401,
  'auth.session_expired': 401,
  'auth.forbidden': 403,
  'auth.csrf_failed': 403,
  'authority.limit_exceeded': 403,
  'standards.not_owner': 403,
  'standards.not_receiver': 403,
  'request.precondition_required': 428,
  'customer.identity_taken': 409,
  'site.code_taken': 409,
  'site.unknown_time_zone': 422,
  'team.name_taken': 409,
  'rating.external_id_taken': 409,
  'request.rate_limited': 429,
  'reasoning.warming_up': 503,
};

const suffixStatus: [RegExp, number][] = [
  [/\.not_found$/, 404],
  [/\.version_conflict$/, 409],
];

export function statusFor(code: string): number {
  return exactStatus[code] ?? suffixStatus.find(([re]) => re.test(code))?.[1] ?? 422;
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Cannot do that',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export function problemFor(error: unknown, request: FastifyRequest): Problem {
  const base = (
    status: number,
    code: string,
    detail: string,
    extra: Record<string, unknown> = {},
  ): Problem => ({
    type: `https://casebook.dev/problems/${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: request.url,
    code,
    requestId: request.id,
    ...extra,
  });

  if (error instanceof DomainError) {
    const status = statusFor(error.code);
    return base(
      status,
      error.code,
      error.message,
      Object.keys(error.details).length ? { details: error.details } : {},
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message ?? 'is invalid',
    }));
    return base(400, 'request.invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return base(413, 'request.too_large', 'The request body is larger than this server accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return base(415, 'request.unsupported_media_type', 'Send application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return base(400, 'request.invalid_json', 'The body is not valid JSON.');
  }
  if (fastifyError.statusCode === 400 && fastifyError instanceof SyntaxError) {
    return base(400, 'request.invalid_json', 'The body is not valid JSON.');
  }
  if (fastifyError.statusCode === 404 && fastifyError.code === 'FST_ERR_NOT_FOUND') {
    return base(404, 'route.not_found', `No route ${request.method} ${request.url}.`);
  }
  if (fastifyError.validation) {
    return base(400, 'request.invalid', fastifyError.message, {
      errors: fastifyError.validation.map((v) => ({
        path: v.instancePath,
        message: v.message ?? 'is invalid',
      })),
    });
  }
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return base(fastifyError.statusCode, 'request.rejected', fastifyError.message);
  }
  return base(500, 'internal', 'Something went wrong on our side. Quote the request id when you report it.');
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
