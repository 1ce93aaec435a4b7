import { HttpException } from '@nestjs/common';

/** What a service's HTTP server answers for an error: the status and a JSON body. */
export interface HttpErrorAnswer {
  status: number;
  body: object;
  /** Not an HTTP error but a fault of the service, for its log. */
  fault?: true;
}

/** body-parser's error, which Nest keeps as the `cause` of the HttpException it throws. */
interface BodyParserError {
  type?: string;
  body?: string;
  limit?: number;
  length?: number;
}

/**
 * Every HTTP error as `{ "error": "…" }`, the shape the dashboard API answers its own refusals
 * in, instead of Nest's `{ message, error, statusCode }` for a route it does not know or a body
 * it cannot parse. Bodies a handler built itself (the dashboard's `{ error }`, terminus's
 * readiness report) are answered as they are. Anything that is not an HTTP error is a fault of
 * the service: a 500 that says no more (the caller gets no internals; the log gets the error).
 */
export function httpErrorAnswer(exception: unknown): HttpErrorAnswer {
  if (!(exception instanceof HttpException)) {
    return {
      status: 500,
      body: { error: 'internal server error (the service log says more)' },
      fault: true,
    };
  }
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && !isNestDefaultBody(response)) {
    return { status, body: response };
  }
  const parserMessage = bodyParserMessage(exception.cause as BodyParserError | undefined);
  return { status, body: { error: parserMessage ?? messageOf(response) } };
}

function isNestDefaultBody(response: object): boolean {
  return 'statusCode' in response && 'message' in response;
}

function messageOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message);
}

/** body-parser's own words are about its parser; these say what the caller should send. */
function bodyParserMessage(cause: BodyParserError | undefined): string | undefined {
  if (cause?.type === 'entity.too.large') {
    const size = cause.length === undefined ? '' : ` (${cause.length} bytes)`;
    return `the request body${size} is larger than the ${cause.limit} bytes this server accepts`;
  }
  if (cause?.type === 'entity.parse.failed') {
    const parsed = parsedJson(cause.body ?? '');
    return parsed.ok
      ? `the request body must be a JSON object, not ${parsed.value === null ? 'null' : typeof parsed.value}`
      : `the request body is not valid JSON: ${parsed.reason}`;
  }
  return undefined;
}

function parsedJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
