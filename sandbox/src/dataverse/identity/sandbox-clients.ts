import type { ClientRegistration } from './types';

/**
 * The fixed sandbox identities (design.md "Names fixed across the project"). Object ids are stable so the
 * Dataverse emulator can bind them to application/system users and limits count per user.
 */
export function sandboxClients(): ClientRegistration[] {
  return [
    {
      clientId: 'sandbox-connector',
      clientSecret: 'sandbox-secret',
      objectId: '7b1a1c6e-0c1d-4f7e-9a35-5a6c0e9d0c01',
      displayName: 'Clarity Connector (sandbox)',
    },
    {
      clientId: 'sandbox-crm-user',
      clientSecret: 'sandbox-secret',
      objectId: '7b1a1c6e-0c1d-4f7e-9a35-5a6c0e9d0c02',
      displayName: 'Sales Rep (sandbox)',
      // Assigned the connector app's resync role, so the preview's "Resync with Clarity" works for the rep.
      appRoles: { 'api://clarity-connector': ['Connector.Resync'] },
    },
  ];
}
