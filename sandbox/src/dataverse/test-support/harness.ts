import { listenDual } from '../../common';
import { buildDataverseEmulator, localOrigins, type DataverseEmulator, type DataverseEmulatorOptions } from '../app';

export interface RunningDataverse {
  emulator: DataverseEmulator;
  /** `http://127.0.0.1:<port>`: the org URL clients use (and the token audience). */
  url: string;
  httpsUrl: string;
  caPem: string;
  /** Service root `…/api/data/v9.2/`. */
  api: string;
  /** A client-credentials token from the emulator's own token endpoint (over HTTP, like any client). */
  token(clientId?: string, resource?: string): Promise<string>;
  /** fetch against the service root with a bearer token for `sandbox-connector` (or `clientId`). */
  request(path: string, init?: RequestInit & { clientId?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** Starts a Dataverse emulator on a free loopback port for a test. */
export async function startDataverse(options: DataverseEmulatorOptions = {}): Promise<RunningDataverse> {
  const emulator = await buildDataverseEmulator(options);
  const listener = await listenDual(emulator.app, { port: 0, host: '127.0.0.1' });
  emulator.setOrigins(localOrigins(listener.port));
  const url = `http://127.0.0.1:${listener.port}`;
  const tokens = new Map<string, string>();
  const token = async (clientId = 'sandbox-connector', resource = url): Promise<string> => {
    const cacheKey = `${clientId} ${resource}`;
    const cached = tokens.get(cacheKey);
    if (cached) return cached;
    const res = await fetch(`${url}/sandbox/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'sandbox-secret', scope: `${resource}/.default` }),
    });
    if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
    const accessToken = ((await res.json()) as { access_token: string }).access_token;
    tokens.set(cacheKey, accessToken);
    return accessToken;
  };
  const api = `${url}/api/data/v9.2/`;
  return {
    emulator,
    url,
    httpsUrl: listener.httpsUrl,
    caPem: listener.caPem,
    api,
    token,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${await token(init.clientId)}`);
      if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      headers.set('accept', headers.get('accept') ?? 'application/json');
      return fetch(path.startsWith('http') ? path : `${api}${path}`, { ...init, headers });
    },
    async close() {
      await emulator.close();
      await listener.close();
    },
  };
}
