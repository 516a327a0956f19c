import { formatHttpResponse } from './http-part';
import type { BatchResult, SubResponse } from './types';

/**
 * Writes the multipart response exactly as samples 01–06 show it (specs/dataverse-webapi.md §3): a new
 * `batchresponse_<guid>` boundary (never the request's), `changesetresponse_<guid>` for change sets echoing
 * each part's Content-ID, `application/http` + `binary` part headers, CRLF everywhere.
 *
 * Every part is followed by the CRLF that RFC 2046 assigns to the next delimiter, which is why an empty body
 * shows as two blank lines in sample 01.
 */

export interface AnsweredOperation {
  res: SubResponse;
  contentId?: string;
}

export type ResponseItem =
  | { kind: 'operation'; answer: AnsweredOperation }
  | { kind: 'changeset'; answers: AnsweredOperation[] };

function operationPart(answer: AnsweredOperation): string {
  const mime = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (answer.contentId !== undefined) mime.push(`Content-ID: ${answer.contentId}`);
  return `${mime.join('\r\n')}\r\n\r\n${formatHttpResponse(answer.res)}`;
}

function multipart(boundary: string, parts: readonly string[]): string {
  return parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--`;
}

export function writeBatchResponse(status: number, items: readonly ResponseItem[], newGuid: () => string): BatchResult {
  const boundary = `batchresponse_${newGuid()}`;
  const parts = items.map((item) => {
    if (item.kind === 'operation') return operationPart(item.answer);
    const inner = `changesetresponse_${newGuid()}`;
    return `Content-Type: multipart/mixed; boundary=${inner}\r\n\r\n${multipart(inner, item.answers.map(operationPart))}`;
  });
  return {
    status,
    headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}`, 'OData-Version': '4.0' },
    body: `${multipart(boundary, parts)}\r\n`,
  };
}
