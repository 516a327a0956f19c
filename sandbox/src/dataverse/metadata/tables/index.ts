import type { TableDef } from '../types';
import { account } from './account';
import { contact } from './contact';
import { environmentvariabledefinition, environmentvariablevalue } from './environmentvariables';
import { incident, incidentresolution } from './incident';
import { pricelevel, productpricelevel } from './pricing';
import { product } from './product';
import { salesorder } from './salesorder';
import { salesorderdetail } from './salesorderdetail';
import { sdkmessage } from './sdkmessage';
import { sdkmessagefilter } from './sdkmessagefilter';
import { sdkmessageprocessingstep } from './sdkmessageprocessingstep';
import { sdkmessageprocessingstepimage } from './sdkmessageprocessingstepimage';
import { serviceendpoint } from './serviceendpoint';
import { systemuser } from './systemuser';
import { transactioncurrency, uom, uomschedule } from './units';

/** Every standard table the emulator serves (issue: the connector's tables plus webhook registration). */
export const STANDARD_TABLES: readonly TableDef[] = [
  account,
  contact,
  salesorder,
  salesorderdetail,
  product,
  pricelevel,
  productpricelevel,
  uom,
  uomschedule,
  transactioncurrency,
  incident,
  incidentresolution,
  systemuser,
  serviceendpoint,
  sdkmessage,
  sdkmessagefilter,
  sdkmessageprocessingstep,
  sdkmessageprocessingstepimage,
  environmentvariabledefinition,
  environmentvariablevalue,
];
