import type { TableDef } from '../metadata/types';
import { sdkmessage } from '../metadata/tables/sdkmessage';
import { sdkmessagefilter } from '../metadata/tables/sdkmessagefilter';
import { sdkmessageprocessingstep } from '../metadata/tables/sdkmessageprocessingstep';
import { sdkmessageprocessingstepimage } from '../metadata/tables/sdkmessageprocessingstepimage';
import { serviceendpoint } from '../metadata/tables/serviceendpoint';

/** The registration tables, for whoever assembles the MetadataRegistry (they reference `systemuser` via audit columns). */
export const WEBHOOK_TABLES: readonly TableDef[] = [serviceendpoint, sdkmessage, sdkmessagefilter, sdkmessageprocessingstep, sdkmessageprocessingstepimage];
