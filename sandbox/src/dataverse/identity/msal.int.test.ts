import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, request } from 'undici';
import { listenDual, type DualListener } from '../../common/listen-dual';
import { createIdentityProvider } from './provider';
import { sandboxClients } from './sandbox-clients';

const ORG = 'https://sandbox.crm.dynamics.com';
const idp = createIdentityProvider({ tenant: 'sandbox', clients: sandboxClients() });
let app: FastifyInstance;
let server: DualListener;
const tokenRequests: string[] = [];

beforeAll(async () => {
  app = Fastify();
  app.addHook('onResponse', async (req) => {
    if (req.method === 'POST') tokenRequests.push(req.url);
  });
  await app.register(idp.routes);
  server = await listenDual(app, { port: 0, host: 'localhost' });
});
afterAll(() => app.close());

describe('@azure/msal-node against the emulator', () => {
  it('acquires a client-credentials token over https with only the authority host changed, then serves it from cache', async () => {
    // The exact configuration a real client uses (see README.md in this folder).
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: 'sandbox-connector',
        clientSecret: 'sandbox-secret',
        authority: `https://localhost:${server.port}/sandbox`,
        knownAuthorities: [`localhost:${server.port}`],
      },
      system: { customAgentOptions: { ca: server.caPem } },
    });
    const first = await cca.acquireTokenByClientCredential({ scopes: [`${ORG}/.default`] });
    expect(first?.fromCache).toBe(false);
    expect(first?.tokenType).toBe('Bearer');
    const principal = await idp.validateBearer(`Bearer ${first?.accessToken}`, [ORG]);
    expect(principal.clientId).toBe('sandbox-connector');

    const second = await cca.acquireTokenByClientCredential({ scopes: [`${ORG}/.default`] });
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(first?.accessToken);
    expect(tokenRequests.filter((u) => u.startsWith('/sandbox/oauth2/v2.0/token'))).toHaveLength(1);
  });

  it('surfaces the emulator’s AAD error for a wrong secret', async () => {
    const cca = new ConfidentialClientApplication({
      auth: { clientId: 'sandbox-connector', clientSecret: 'wrong', authority: `https://localhost:${server.port}/sandbox`, knownAuthorities: [`localhost:${server.port}`] },
      system: { customAgentOptions: { ca: server.caPem } },
    });
    await expect(cca.acquireTokenByClientCredential({ scopes: [`${ORG}/.default`] })).rejects.toMatchObject({ errorCode: 'invalid_client' });
  });

  it('without knownAuthorities, MSAL first asks login.microsoftonline.com for instance discovery (why the config needs it)', async () => {
    const seen: string[] = [];
    const agent = new Agent({ connect: { ca: server.caPem } });
    // A network client that is offline for Microsoft's hosts, as the sandbox and CI are.
    const offline: INetworkModule = {
      sendGetRequestAsync: (url, options) => send('GET', url, options),
      sendPostRequestAsync: (url, options) => send('POST', url, options),
    };
    async function send<T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
      seen.push(url);
      if (new URL(url).hostname === 'login.microsoftonline.com') throw new Error('getaddrinfo ENOTFOUND login.microsoftonline.com');
      const res = await request(url, { method: method as 'GET' | 'POST', headers: options?.headers, body: options?.body, dispatcher: agent });
      return { headers: res.headers as Record<string, string>, body: (await res.body.json()) as T, status: res.statusCode };
    }
    const cca = new ConfidentialClientApplication({
      auth: { clientId: 'sandbox-connector', clientSecret: 'sandbox-secret', authority: `https://localhost:${server.port}/sandbox` },
      system: { networkClient: offline },
    });
    await expect(cca.acquireTokenByClientCredential({ scopes: [`${ORG}/.default`] })).rejects.toMatchObject({ errorCode: expect.stringMatching(/untrusted_authority|endpoints_resolution_error/) });
    expect(seen[0]).toMatch(/^https:\/\/login\.microsoftonline\.com\/common\/discovery\/instance\?api-version=1\.1&authorization_endpoint=/);
    await agent.close();
  });
});
