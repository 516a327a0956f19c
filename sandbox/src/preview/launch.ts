import { spawnSync } from 'node:child_process';
import type { FastifyPluginAsync } from 'fastify';
import type { DataverseEmulator } from '../dataverse/app';
import { SANDBOX_API } from '../dataverse/identity/sandbox-clients';
import { missingBuilds, REPO_ROOT, staleControlBuilds } from './assets';
import { previewRoutes, type PreviewToken } from './routes';

/** The sales rep the preview acts as (sandbox-clients.ts): reads Dataverse, and holds the resync role. */
export const PREVIEW_CLIENT = 'sandbox-crm-user';

/**
 * Builds what the preview hosts when it is missing (a fresh clone: `npm ci && npm start`), with the same
 * `npm run build` an admin runs; warns when the controls changed since their last build.
 */
export function ensurePreviewBuilds(log: (line: string) => void): void {
  const missing = missingBuilds();
  if (missing.length) {
    log(`Preview: building ${missing.join(', ')} (npm run build, first start only; about a minute)…`);
    const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0 || missingBuilds().length) {
      log(`${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n'));
      log('Preview: the build failed; the preview pages will say so. Fix it and run npm run build.');
    }
    return;
  }
  const stale = staleControlBuilds();
  if (stale.length) log(`Preview: ${stale.join(', ')} changed since the last build; run npm run build to see the changes.`);
}

/** Preview routes wired to the running Dataverse emulator: the rep's tokens are minted by its identity platform. */
export function sandboxPreview(dataverse: DataverseEmulator, dataverseUrl: string, issuerOrigin: string): FastifyPluginAsync {
  const cached = new Map<string, { t: PreviewToken; until: number }>();
  const token = async (audience: string): Promise<PreviewToken> => {
    const hit = cached.get(audience);
    if (hit && hit.until > Date.now()) return hit.t;
    const lifetimeSec = 3600;
    const t = { token: await dataverse.identity.issueToken(PREVIEW_CLIENT, audience, { origin: issuerOrigin, lifetimeSec }), expiresInSec: lifetimeSec };
    cached.set(audience, { t, until: Date.now() + (lifetimeSec - 300) * 1000 });
    return t;
  };
  return previewRoutes({
    dataverseUrl,
    entitySetOf: (name) => dataverse.registry.table(name)?.entitySetName,
    dataverseToken: () => token(dataverseUrl),
    controlToken: () => token(SANDBOX_API),
  });
}
