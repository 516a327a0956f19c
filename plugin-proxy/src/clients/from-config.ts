import { readFileSync } from 'node:fs';
import type { Config } from '../config';
import { createClarityClient, type ClarityClient } from './clarity';
import type { ClarityClientOptions } from './clarity';
import { createDataverseClient, type DataverseClient } from './dataverse';

/** Clarity client options from the configuration: the API key, else OAuth client credentials. */
export function clarityOptionsFrom(config: Readonly<Config>): ClarityClientOptions {
  return {
    baseUrl: config.CLARITY_API_URL,
    ...(config.CLARITY_API_KEY
      ? { apiKey: config.CLARITY_API_KEY }
      : { oauth: { tokenUrl: new URL('/oauth/token', config.CLARITY_API_URL).toString(), clientId: config.CLARITY_CLIENT_ID!, clientSecret: config.CLARITY_CLIENT_SECRET! } }),
  };
}

/** Both API clients as the proxy and its commands use them (one place reads the CA file and the credentials). */
export function clientsFrom(config: Readonly<Config>): { dataverse: DataverseClient; clarity: ClarityClient } {
  const ca = config.DATAVERSE_CA_FILE ? readFileSync(config.DATAVERSE_CA_FILE, 'utf8') : undefined;
  const dataverse = createDataverseClient({
    url: config.DATAVERSE_URL,
    authority: config.DATAVERSE_AUTHORITY,
    clientId: config.DATAVERSE_CLIENT_ID,
    clientSecret: config.DATAVERSE_CLIENT_SECRET,
    ...(ca ? { ca } : {}),
  });
  return { dataverse, clarity: createClarityClient(clarityOptionsFrom(config)) };
}
