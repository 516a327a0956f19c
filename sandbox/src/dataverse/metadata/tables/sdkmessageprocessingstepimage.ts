import type { TableDef } from '../types';
import { auditColumns, primaryKey } from './common';

export const IMAGE_TYPE = { pre: 0, post: 1, both: 2 } as const;

/**
 * `sdkmessageprocessingstepimage` (OrganizationOwned): a pre/post snapshot sent with a step's context under
 * `entityalias`; `attributes` is a comma list (empty = all columns); `messagepropertyname` is "Target" for
 * Create/Update/Delete (spec §6.1; "Id" is also accepted for Create in the real service).
 */
export const sdkmessageprocessingstepimage: TableDef = {
  logicalName: 'sdkmessageprocessingstepimage',
  entitySetName: 'sdkmessageprocessingstepimages',
  primaryId: 'sdkmessageprocessingstepimageid',
  primaryName: 'name',
  ownership: 'Organization',
  columns: [
    primaryKey('sdkmessageprocessingstepimageid'),
    { name: 'name', type: 'String', maxLength: 256 },
    { name: 'description', type: 'String', maxLength: 256 },
    { name: 'entityalias', type: 'String', maxLength: 256, required: 'SystemRequired' },
    { name: 'imagetype', type: 'Picklist', required: 'SystemRequired', options: { 0: 'PreImage', 1: 'PostImage', 2: 'Both' }, defaultValue: 0 },
    { name: 'attributes', type: 'String', maxLength: 100000 },
    { name: 'messagepropertyname', type: 'String', maxLength: 256, required: 'SystemRequired' },
    { name: 'relatedattributename', type: 'String', maxLength: 256 },
    {
      name: 'sdkmessageprocessingstepid',
      type: 'Lookup',
      targets: ['sdkmessageprocessingstep'],
      required: 'SystemRequired',
      validForUpdate: false,
      indexed: true,
    },
    ...auditColumns(),
  ],
};
