import type { TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

/**
 * `sdkmessage`: the platform's message catalogue, the same rows (and ids) in every org; read-only for callers.
 * Registration tools look messages up by `name` (and FUSEBIT by `categoryname` + `isprivate`), §6.1.
 */
export const sdkmessage: TableDef = {
  logicalName: 'sdkmessage',
  entitySetName: 'sdkmessages',
  primaryId: 'sdkmessageid',
  primaryName: 'name',
  ownership: 'Organization',
  columns: [
    primaryKey('sdkmessageid'),
    { name: 'name', type: 'String', maxLength: 256, required: 'SystemRequired', indexed: true },
    { name: 'categoryname', type: 'String', maxLength: 25 },
    { name: 'isprivate', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    { name: 'isreadonly', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    { name: 'autotransact', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    { name: 'availability', type: 'Integer' },
    { name: 'isvalidforexecuteasync', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    { name: 'workflowsdkstepenabled', type: 'Boolean', options: { 0: 'No', 1: 'Yes' }, defaultValue: false },
    ...auditColumns(),
  ],
  collections: [
    { name: 'sdkmessageid_sdkmessagefilter', target: 'sdkmessagefilter', referencingAttribute: 'sdkmessageid' },
    { name: 'sdkmessageid_sdkmessageprocessingstep', target: 'sdkmessageprocessingstep', referencingAttribute: 'sdkmessageid' },
  ],
};
