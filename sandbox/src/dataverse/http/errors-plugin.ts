import type { FastifyError, FastifyInstance } from 'fastify';
import { DataverseError } from '../errors';
import { sendJson } from './json';


/**
 * Every failure under /api/data answers in the Dataverse error shape (spec §4.1), including fastify's own
 * errors (malformed JSON, unsupported media type) and unexpected ones.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DataverseError, request, reply) => {
    if (error instanceof DataverseError) {
      return sendJson(reply, error.status, error.toBody(), { ...error.headers, 'odata-version': '4.0' });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unexpected emulator error');
    const message =
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? `The content type '${request.headers['content-type'] ?? ''}' is not supported.`
        : status === 500
          ? 'An unexpected error occurred.'
          : `Error identified in Payload provided by the user: ${error.message}`;
    const code = status === 500 ? '0x80040216' : '0x80048d19';
    return sendJson(reply, status, { error: { code, message } }, { 'odata-version': '4.0' });
  });
  app.setNotFoundHandler((request, reply) => {
    const uri = `${request.protocol}://${request.headers.host ?? ''}${request.url}`;
    const err = new DataverseError(404, '', `No HTTP resource was found that matches the request URI '${uri}'.`);
    return sendJson(reply, 404, err.toBody(), { 'odata-version': '4.0' });
  });
}
