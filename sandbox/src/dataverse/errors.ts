/**
 * Dataverse error bodies: `{"error":{"code":"0x…","message":"…"}}` with the HTTP status the real service
 * uses (specs/dataverse-webapi.md §4). `code` is often "" or "0x0"; it is independent of the status.
 */
export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DataverseError';
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const errors = {
  resourceNotFoundForSegment: (segment: string) =>
    new DataverseError(404, '0x8006088a', `Resource not found for the segment '${segment}'.`),
  noHttpResource: (uri: string) =>
    new DataverseError(404, '', `No HTTP resource was found that matches the request URI '${uri}'.`),
  recordNotFound: (logicalName: string, id: string) =>
    new DataverseError(404, '0x80040217', `${logicalName} With Id = ${id} Does Not Exist`),
  /** If-Match: * on a missing row: the documented body has an empty code. */
  upsertUpdateMissing: (logicalName: string, id: string) =>
    new DataverseError(404, '', `${logicalName} With Id = ${id} Does Not Exist`),
  recordNotFoundByKey: (logicalName: string) =>
    new DataverseError(404, '0x80060891', `A record with the specified key values does not exist in ${logicalName} entity`),
  matchingKeyExists: () => new DataverseError(412, '', 'A record with matching key values already exists.'),
  etagMismatch: () =>
    new DataverseError(412, '', "The version of the existing record doesn't match the RowVersion property provided."),
  duplicateKey: () => new DataverseError(412, '0x80040237', 'Cannot insert duplicate key'),
  duplicateEntityKey: (keyName: string, values: string) =>
    new DataverseError(
      412,
      '0x80060892',
      `A record that has the attribute values ${values} already exists. The entity key ${keyName} requires that this set of attributes contains unique values. Select unique values and try again.`,
    ),
  invalidKey: (logicalName: string) =>
    new DataverseError(
      400,
      '0x80060888',
      `The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.${logicalName}'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource 'Microsoft.Dynamics.CRM.${logicalName}'.`,
    ),
  propertyNotFound: (name: string, logicalName: string) =>
    new DataverseError(400, '0x0', `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${logicalName}'.`),
  invalidPropertyInPayload: (name: string, logicalName: string) =>
    new DataverseError(
      400,
      '0x0',
      `An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property '${name}' was found in entity 'Microsoft.Dynamics.CRM.${logicalName}'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.`,
    ),
  undeclaredNavProperty: (name: string, entitySet: string) =>
    new DataverseError(
      400,
      '0x80048d19',
      `Error identified in Payload provided by the user for Entity :'${entitySet}'  ---->  InnerException : Microsoft.OData.ODataException: An undeclared property '${name}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
    ),
  payloadError: (entitySet: string, inner: string) =>
    new DataverseError(
      400,
      '0x80048d19',
      `Error identified in Payload provided by the user for Entity :'${entitySet}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : ${inner}`,
    ),
  maxLength: (column: string, logicalName: string, max: number) =>
    new DataverseError(
      400,
      '0x80044331',
      `A validation error occurred.  The length of the '${column}' attribute of the '${logicalName}' entity exceeded the maximum allowed length of '${max}'.`,
    ),
  validation: (message: string) => new DataverseError(400, '0x80044331', `A validation error occurred.  ${message}`),
  badRequest: (message: string, code = '0x0') => new DataverseError(400, code, message),
  methodNotAllowed: (message = 'The requested resource does not support http method.') =>
    new DataverseError(405, '0x80060888', message),
  queryOptionNotSupported: (option: string) =>
    new DataverseError(400, '0x0', `The query parameter ${option} is not supported`),
  changeTrackingOption: (option: string) =>
    new DataverseError(400, '0x80060888', `The "${option}" query parameter isn't supported when Change Tracking is enabled.`),
  invalidStatus: (status: number, state: string, logicalName: string, id: string) =>
    new DataverseError(400, '0x80040203', `${status} is not a valid status code for state code ${state} on ${logicalName} with Id ${id}.`),
};
