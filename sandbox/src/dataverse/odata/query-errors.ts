import { DataverseError } from '../errors';

/**
 * Query-option errors the real service raises through its OData URI parser (Microsoft.OData.Core, "ODL").
 * Dataverse wraps them as 400 with code `0x0` (specs/dataverse-webapi.md §4.3, the `$select` row). Message
 * texts are ODL's resource strings; positions are 0-based character offsets into the option text.
 * Factories for behaviour the emulator deliberately does not implement say so, so a failing test names the gap.
 */
const bad = (message: string) => new DataverseError(400, '0x0', message);

export const queryErrors = {
  /** §1.4: the documented text; ODL reports the end of the text as the position. */
  unterminatedLiteral: (position: number, text: string) =>
    bad(`There is an unterminated literal at position ${position} in '${text}'.`),
  syntaxError: (position: number, text: string) => bad(`Syntax error at position ${position} in '${text}'.`),
  invalidCharacter: (ch: string, position: number, text: string) =>
    bad(`Syntax error: character '${ch}' is not valid at position ${position} in '${text}'.`),
  expressionExpected: (position: number, text: string) => bad(`Expression expected at position ${position} in '${text}'.`),
  closeParenOrOperatorExpected: (position: number, text: string) =>
    bad(`')' or operator expected at position ${position} in '${text}'.`),
  closeParenOrCommaExpected: (position: number, text: string) =>
    bad(`')' or ',' expected at position ${position} in '${text}'.`),
  digitExpected: (position: number, text: string) => bad(`A digit was expected at position ${position} in '${text}'.`),
  notSingleBoolean: () => bad('The $filter expression must evaluate to a single boolean value.'),
  incompatibleOperands: (left: string, right: string, kind: string) =>
    bad(`A binary operator with incompatible types was detected. Found operand types '${left}' and '${right}' for operator kind '${kind}'.`),
  incompatibleUnary: (type: string, kind: string) =>
    bad(`A unary operator with an incompatible type was detected. Found operand type '${type}' for operator kind '${kind}'.`),
  unknownFunction: (name: string) =>
    bad(`An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`),
  noFunctionSignature: (name: string, signature: string) =>
    bad(`No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${signature}.`),
  invalidFunctionArgument: (fn: string, detail: string) => bad(`Invalid arguments for query function '${fn}': ${detail}`),
  invalidTop: (value: string) =>
    bad(`Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`),
  invalidCount: (value: string) => bad(`Invalid value '${value}' for $count query option found. Valid values are 'true, false'.`),
  notNavigationProperty: (name: string, logicalName: string) =>
    bad(`Property '${name}' on type 'Microsoft.Dynamics.CRM.${logicalName}' is not a navigation property or complex property. Only navigation properties can be expanded.`),
  duplicateOption: (option: string) => bad(`Query option '${option}' was specified more than once, but it must be specified at most once.`),
  invalidSkipToken: (token: string) => bad(`The $skiptoken value '${token}' is not a valid paging cookie.`),
  /** Real Dataverse supports these; the emulator does not. 400 so a client never mistakes it for success. */
  emulatorUnsupported: (what: string) => bad(`${what} is not supported by the Dataverse emulator.`),
  aliasInExpand: (alias: string) => bad(`Parameter alias '${alias}' cannot be used inside $expand.`),
};
