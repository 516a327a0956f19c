import { randomUUID } from 'node:crypto';
import { ENVIRONMENT_VARIABLES } from '../../../solution/src/names';
import type { DataverseEmulator } from '../dataverse/app';
import { adminContext } from '../dataverse/demo-seed';

export type EnvironmentValues = Partial<Record<(typeof ENVIRONMENT_VARIABLES)[number], string>>;

/**
 * What importing the solution and filling in its environment variables leaves in an org: one definition per
 * variable of the solution (solution/src/names.ts) and a current value for each one given. The controls read
 * them through context.webAPI exactly as they do in Dynamics.
 */
export function seedEnvironmentVariables(emulator: DataverseEmulator, values: EnvironmentValues): number {
  const ctx = adminContext(emulator, 'preview-seed');
  const definitions = ENVIRONMENT_VARIABLES.map((schemaname) => ({
    environmentvariabledefinitionid: randomUUID(),
    schemaname,
    displayname: schemaname.replace(/^clar_/, 'Clarity '),
    type: 100000000,
    isrequired: true,
  }));
  emulator.service.importRows(emulator.registry.require('environmentvariabledefinition'), definitions, ctx);
  const rows = definitions.flatMap((d) => {
    const value = values[d.schemaname];
    return value === undefined
      ? []
      : [{ environmentvariablevalueid: randomUUID(), schemaname: d.schemaname, value, environmentvariabledefinitionid: { id: d.environmentvariabledefinitionid, logicalName: 'environmentvariabledefinition' } }];
  });
  emulator.service.importRows(emulator.registry.require('environmentvariablevalue'), rows, ctx);
  return rows.length;
}
