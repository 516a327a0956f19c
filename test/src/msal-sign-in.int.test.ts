import { ConfidentialClientApplication } from '@azure/msal-node';
import { Agent, fetch as undiciFetch } from 'undici';
import { startDataverse, type RunningDataverse } from '../../sandbox/src/dataverse/test-support/harness';

/**
 * The sandbox signs in like the Microsoft identity platform: an unmodified msal-node confidential client,
 * pointed at the emulator's authority host, gets a token and calls the Web API over HTTPS with it.
 */
describe('@azure/msal-node against the Dataverse emulator', () => {
  let dv: RunningDataverse;
  beforeAll(async () => {
    dv = await startDataverse();
  });
  afterAll(() => dv.close());

  test('client credentials over https, then WhoAmI as the application user', async () => {
    const port = new URL(dv.httpsUrl).port;
    const resource = `https://localhost:${port}`;
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: 'sandbox-connector',
        clientSecret: 'sandbox-secret',
        authority: `https://localhost:${port}/sandbox`,
        // msal only looks up unknown hosts at login.microsoftonline.com; naming the authority avoids that call.
        knownAuthorities: [`localhost:${port}`],
      },
      system: { customAgentOptions: { ca: dv.caPem } },
    });
    const result = await msal.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    expect(result?.accessToken).toBeTruthy();
    const again = await msal.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    expect(again?.fromCache).toBe(true);

    const dispatcher = new Agent({ connect: { ca: dv.caPem } });
    const res = await undiciFetch(`${resource}/api/data/v9.2/WhoAmI`, { headers: { authorization: `Bearer ${result!.accessToken}` }, dispatcher });
    expect(res.status).toBe(200);
    const who = (await res.json()) as { UserId: string };
    const users = (await (await dv.request(`systemusers(${who.UserId})?$select=fullname,azureactivedirectoryobjectid`)).json()) as { fullname: string };
    expect(users.fullname).toBe('# Clarity Connector (sandbox)');

    const wrongAudience = await msal.acquireTokenByClientCredential({ scopes: ['https://other.crm.dynamics.com/.default'] });
    const denied = await undiciFetch(`${resource}/api/data/v9.2/WhoAmI`, { headers: { authorization: `Bearer ${wrongAudience!.accessToken}` }, dispatcher });
    expect(denied.status).toBe(401);
    await dispatcher.close();
  });
});
