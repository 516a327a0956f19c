import fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { EmulatorCore } from './core';
import { createFaultInjector, registerFaults, registerRequestLog, type FaultInjector, type RequestLog } from '../common';
import { registerErrorHandling } from './http/errors-plugin';
import { createServiceProtection, DATAVERSE_ERROR_CONTENT_TYPE, dataverseFaultBody, type ProtectionLimits, type ServiceProtection } from './limits';
import { createIdentityProvider, dataverseAuthHook, sandboxApis, sandboxClients, sandboxUsers, type ClientRegistration, type DirectoryUser, type ExposedApi, type IdentityProvider } from './identity';
import { CONNECTOR_SCHEMA } from './metadata/connector-schema';
import { MetadataRegistry } from './metadata/registry';
import { STANDARD_TABLES } from './metadata/tables';
import type { TableDef, TableExtension } from './metadata/types';
import { seedOrganization } from './org-seed';
import { RecordService } from './pipeline/service';
import { BATCH_PART_HEADER, BATCH_PART_SECRET, registerBatch } from './routes/batch';
import { registerCloseIncident } from './routes/close-incident';
import { registerEntityRoutes } from './routes/entity';
import { registerServiceDocument } from './routes/service-document';
import { registerWhoAmI } from './routes/whoami';
import { MemoryStore } from './store/memory-store';
import { createWebhookEmitter, seedWebhookMessages, type WebhookEmitter } from './webhooks';

export interface DataverseEmulatorOptions {
  tenant?: string;
  clients?: ClientRegistration[];
  /** Users the sign-in endpoint signs in (default: the sandbox sales rep). */
  users?: DirectoryUser[];
  /** APIs exposing delegated scopes (default: the connector proxy's `api://clarity-connector`). */
  apis?: ExposedApi[];
  /** Organisation name and the domain reported in webhook headers (`x-ms-dynamics-organization`). */
  organization?: { name: string; domain: string };
  /** Extra tables (tests register the documentation samples' `task`, `lead`, …). */
  extraTables?: TableDef[];
  /** Schema extensions; defaults to the connector's `clar_` schema. */
  extensions?: readonly TableExtension[];
  /** Token audiences accepted besides the emulator's own origins (e.g. `https://sandbox.crm.dynamics.com`). */
  audiences?: string[];
  webhooks?: { retryDelayMs?: number; timeoutMs?: number };
  /** Service protection limits (real values by default; `scaledLimits(f)` for tests); false disables them. */
  limits?: Partial<ProtectionLimits> | false;
  /** Seed of the fault injector's PRNG (faults are added at run time through `/_sandbox/faults`). */
  faultSeed?: number;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

export interface DataverseEmulator extends EmulatorCore {
  app: FastifyInstance;
  identity: IdentityProvider;
  webhooks: WebhookEmitter;
  protection?: ServiceProtection;
  faults: FaultInjector;
  /** Recent requests (also at `/_sandbox/requests`), e.g. to count a client's writes. */
  requests: RequestLog;
  /** Tell the emulator its public origins once it listens, so tokens for them are accepted. */
  setOrigins(origins: string[]): void;
  close(): Promise<void>;
}

/** Builds the Dataverse Web API emulator (no side effects: the caller listens). */
export async function buildDataverseEmulator(options: DataverseEmulatorOptions = {}): Promise<DataverseEmulator> {
  const clients = options.clients ?? sandboxClients();
  const organization = options.organization ?? { name: 'sandbox', domain: 'sandbox.crm.dynamics.com' };
  const registry = new MetadataRegistry([...STANDARD_TABLES, ...(options.extraTables ?? [])], options.extensions ?? CONNECTOR_SCHEMA);
  const store = new MemoryStore(registry);
  const org = seedOrganization(store, clients, organization.name, organization.domain);
  seedWebhookMessages(store, registry.tables().map((t) => t.logicalName), { createdOn: '2024-01-01T00:00:00Z' });
  const webhooks = createWebhookEmitter({
    store,
    organization: { id: org.organizationId, name: org.name, domain: org.domain },
    businessUnitId: org.businessUnitId,
    allowAnyPort: true,
    retryDelayMs: options.webhooks?.retryDelayMs,
    timeoutMs: options.webhooks?.timeoutMs,
    now: options.now,
  });
  const service = new RecordService({ store, extensions: [webhooks], now: options.now, baseCurrency: () => org.baseCurrency });
  const identity = createIdentityProvider({
    tenant: options.tenant ?? 'sandbox',
    clients,
    users: options.users ?? sandboxUsers(),
    apis: options.apis ?? sandboxApis(),
    now: options.now ? () => options.now!().getTime() : undefined,
  });
  let origins: string[] = [`https://${organization.domain}`];

  const app = fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  const core: EmulatorCore = { registry, store, service, org };
  const faults = createFaultInjector({ seed: options.faultSeed });
  // Hook order matters: faults first (they model the network and the front door), then auth, then limits
  // counted per authenticated user.
  registerFaults(app, faults, { errorBody: dataverseFaultBody, contentType: DATAVERSE_ERROR_CONTENT_TYPE });
  await app.register(identity.routes);
  app.addHook('onRequest', dataverseAuthHook(identity, { audiences: () => [...origins, ...(options.audiences ?? [])] }));
  const protection =
    options.limits === false ? undefined : createServiceProtection(options.limits ?? {}, options.now ? () => options.now!().getTime() : undefined);
  // `$batch` parts re-enter through inject: the batch itself is the one request the limits count.
  protection?.register(app, {
    userOf: (req) => (req.headers[BATCH_PART_HEADER] === BATCH_PART_SECRET ? undefined : req.principal?.objectId),
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/data/')) reply.header('odata-version', '4.0');
  });
  const requests = registerRequestLog(app, {
    callerOf: (req) => (req.principal ? (req.principal.clientId ?? req.principal.objectId) : undefined),
    isBatchPart: (req) => req.headers[BATCH_PART_HEADER] === BATCH_PART_SECRET,
  });
  registerErrorHandling(app);
  registerServiceDocument(app, core);
  registerWhoAmI(app, core);
  registerCloseIncident(app, core);
  registerBatch(app, core);
  registerEntityRoutes(app, core);

  return {
    ...core,
    app,
    identity,
    webhooks,
    protection,
    faults,
    requests,
    setOrigins(list) {
      origins = [...new Set([...list, `https://${organization.domain}`])];
    },
    async close() {
      webhooks.close();
      await app.close();
    },
  };
}

/** The origins a client may use as the Dataverse URL (and token audience) for a local port. */
export function localOrigins(port: number): string[] {
  return ['http', 'https'].flatMap((scheme) => ['localhost', '127.0.0.1', '[::1]'].map((host) => `${scheme}://${host}:${port}`));
}
