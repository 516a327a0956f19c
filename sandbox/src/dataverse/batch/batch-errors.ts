import { DataverseError, errors } from '../errors';

/**
 * Errors of the batch format itself. The messages are the ODataLib strings (Microsoft.OData.Core
 * `Strings.ODataBatchReaderStream_*`, `MediaTypeUtils_*`) that Dataverse's batch reader raises, or the ones
 * documented in specs/dataverse-webapi.md §3, so a client sees the same text as from the real service.
 */
export const batchErrors = {
  boundaryRequired: (contentType: string) =>
    errors.badRequest(
      `The content type '${contentType}' specifies a batch payload; however, the payload either does not include a batch boundary or includes more than one boundary. In OData, batch payload content types must specify exactly one batch boundary in the 'boundary' parameter of the content type.`,
    ),
  notMultipart: (contentType: string | undefined) =>
    errors.badRequest(
      `The content type '${contentType ?? ''}' is not supported for a $batch request; it must be 'multipart/mixed' with a 'boundary' parameter.`,
    ),
  invalidBoundary: (boundary: string) =>
    errors.badRequest(
      `The batch boundary '${boundary}' is invalid. A boundary must be 1 to 70 characters long and use only the characters allowed by RFC 2046.`,
    ),
  unexpectedEnd: () => errors.badRequest('Encountered an unexpected end of input while reading the batch payload.'),
  invalidHeader: (line: string) =>
    errors.badRequest(
      `The message header '${line}' is invalid. The header value must be of the format '<header name>: <header value>'.`,
    ),
  duplicateHeader: (name: string) =>
    errors.badRequest(`The header '${name}' was specified multiple times. Each header must appear only once in a batch part.`),
  missingContentType: () =>
    errors.badRequest(
      "The 'Content-Type' header is missing. The 'Content-Type' header must be specified for each MIME part of a batch message.",
    ),
  invalidPartContentType: (value: string) =>
    errors.badRequest(
      `The 'Content-Type' header value '${value}' is invalid. When this is the start of the change set, the value must be 'multipart/mixed'; otherwise it must be 'application/http'.`,
    ),
  missingTransferEncoding: () =>
    errors.badRequest(
      "A missing or invalid 'Content-Transfer-Encoding' header was found. The 'Content-Transfer-Encoding' header must be specified for each batch operation, and its value must be 'binary'.",
    ),
  invalidRequestLine: (line: string) =>
    errors.badRequest(
      `The request line '${line}' is invalid. The request line at the start of each operation must be of the format 'HttpMethod RequestUrl HttpVersion'.`,
    ),
  invalidHttpVersion: (version: string) =>
    errors.badRequest(
      `The HTTP version '${version}' used in a batch operation request or response is not valid. The value must be 'HTTP/1.1'.`,
    ),
  getInChangeSet: (method: string) =>
    errors.badRequest(
      `An invalid HTTP method '${method}' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.`,
    ),
  nestedChangeSet: () => errors.badRequest('Nested change sets in a batch payload are not supported.'),
  /** §3 "no nested batches"; ODataLib has no string for it, so the wording is ours. */
  nestedBatch: () =>
    errors.badRequest("A batch operation cannot be a '$batch' request. Nested batch requests are not supported."),
  /** §3, issue MicrosoftDocs/powerapps-docs#1890 (with '250' there; the documented limit is 1000). */
  tooManyParts: (max: number) =>
    errors.badRequest(
      `The current batch message contains too many parts. Only batch messages with a maximum number of '${max}' query operations, including changeset operations, are allowed.`,
    ),
  duplicateContentId: (id: string) =>
    errors.badRequest(
      `The content ID '${id}' was found more than once in the same change set or same batch request. Content IDs have to be unique across all operations of a change set for OData V4.0 and have to be unique across all operations in the whole batch request for OData V4.01.`,
    ),
  /** §3, verbatim from the BATCH doc. */
  contentIdReference: (ref: string) => errors.badRequest(`Content-ID Reference: '${ref}' does not exist in the batch context.`),
};

/**
 * errors/400-batch-not-crlf-stream-not-readable.http: what Dataverse answers when `$batch` framing uses bare LF.
 * The inner stack trace is the one in the captured response (TROUBLE), kept so clients matching on it work.
 */
export function streamNotReadable(entitySet: string): DataverseError {
  const trace = [
    'System.ArgumentException: Stream was not readable.',
    '   at System.IO.StreamReader..ctor(Stream stream, Encoding encoding, Boolean detectEncodingFromByteOrderMarks, Int32 bufferSize, Boolean leaveOpen)',
    '   at System.IO.StreamReader..ctor(Stream stream, Encoding encoding)',
    '   at Microsoft.OData.JsonLight.ODataJsonLightInputContext.CreateTextReader(Stream messageStream, Encoding encoding)',
    '   at Microsoft.OData.JsonLight.ODataJsonLightInputContext..ctor(ODataMessageInfo messageInfo, ODataMessageReaderSettings messageReaderSettings)',
    '   at Microsoft.OData.Json.ODataJsonFormat.CreateInputContext(ODataMessageInfo messageInfo, ODataMessageReaderSettings messageReaderSettings)',
    '   at Microsoft.OData.ODataMessageReader.ReadFromInput[T](Func`2 readFunc, ODataPayloadKind[] payloadKinds)',
    '   at System.Web.OData.Formatter.Deserialization.ODataResourceDeserializer.Read(ODataMessageReader messageReader, Type type, ODataDeserializerContext readContext)',
    '   at System.Web.OData.Formatter.ODataMediaTypeFormatter.ReadFromStream(Type type, Stream readStream, HttpContent content, IFormatterLogger formatterLogger).',
  ].join('\r\n');
  return errors.payloadError(entitySet, trace);
}
