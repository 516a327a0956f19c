export { createClarityClient, type ClarityClient } from './client';
export type { ClarityClientOptions, ClarityStats } from './transport';
export type { OAuthOptions } from './auth';
export type * from './types';
