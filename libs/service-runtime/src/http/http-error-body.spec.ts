import { describe, expect, it } from '@jest/globals';
import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { httpErrorAnswer } from './http-error-body.js';

describe('httpErrorAnswer', () => {
  it("turns Nest's default bodies into { error }", () => {
    expect(httpErrorAnswer(new NotFoundException('Cannot GET /x'))).toEqual({
      status: 404,
      body: { error: 'Cannot GET /x' },
    });
    expect(httpErrorAnswer(new HttpException('needs an upgrade', 426))).toEqual({
      status: 426,
      body: { error: 'needs an upgrade' },
    });
    expect(httpErrorAnswer(new BadRequestException(['a is missing', 'b is long']))).toEqual({
      status: 400,
      body: { error: 'a is missing; b is long' },
    });
  });

  it('keeps a body the handler built itself', () => {
    const readiness = { status: 'error', info: {}, error: { db: { status: 'down' } }, details: {} };
    expect(httpErrorAnswer(new ServiceUnavailableException(readiness))).toEqual({
      status: 503,
      body: readiness,
    });
    expect(httpErrorAnswer(new HttpException({ error: 'no ban on exactly x' }, 404))).toEqual({
      status: 404,
      body: { error: 'no ban on exactly x' },
    });
  });

  it("says what body-parser's refusals mean for the caller", () => {
    const parse = (body: string) =>
      httpErrorAnswer(
        new BadRequestException('parser words', {
          cause: Object.assign(new SyntaxError('parser words'), {
            type: 'entity.parse.failed',
            body,
          }),
        }),
      ).body;
    expect(parse('null')).toEqual({ error: 'the request body must be a JSON object, not null' });
    expect(parse('12')).toEqual({ error: 'the request body must be a JSON object, not number' });
    expect(parse('{x')).toEqual({
      error: expect.stringMatching(/^the request body is not valid JSON: /),
    });
    const tooLarge = new HttpException('request entity too large', 413, {
      cause: { type: 'entity.too.large', limit: 102400, length: 200000 },
    });
    expect(httpErrorAnswer(tooLarge).body).toEqual({
      error: 'the request body (200000 bytes) is larger than the 102400 bytes this server accepts',
    });
  });

  it('answers a fault of the service with a bare 500, marked for the log', () => {
    expect(httpErrorAnswer(new TypeError('x is undefined at /srv/secret.js:12'))).toEqual({
      status: 500,
      body: { error: 'internal server error (the service log says more)' },
      fault: true,
    });
  });
});
