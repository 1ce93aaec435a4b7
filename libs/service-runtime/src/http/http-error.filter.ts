import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { httpErrorAnswer } from './http-error-body.js';

/** The parts of Express's request and response the filter uses. */
interface HttpRequest {
  method: string;
  path: string;
}
interface HttpResponse {
  headersSent: boolean;
  end(): void;
  status(code: number): { json(body: object): void };
}

/**
 * Answers every HTTP error of a service in one shape (see httpErrorAnswer). The gRPC servers
 * inherit the app's filters; their errors take Nest's default RPC path unchanged.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly rpc = new BaseRpcExceptionFilter();

  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return this.rpc.catch(exception, host);
    const http = host.switchToHttp();
    const { status, body, fault } = httpErrorAnswer(exception);
    if (fault) {
      const { method, path } = http.getRequest<HttpRequest>();
      this.logger.error({ err: exception, method, path }, `HTTP ${method} ${path} failed`);
    }
    const response = http.getResponse<HttpResponse>();
    if (response.headersSent) response.end();
    else response.status(status).json(body);
  }
}
