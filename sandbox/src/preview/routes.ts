import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { CONTENT_TYPES, controlFile, iconFontFile, missingBuilds, platformLibrary, REPO_ROOT, webResourceFile } from './assets';
import { hostScript } from './host-bundle';
import { formPage, indexPage, notBuiltPage } from './pages';

export interface PreviewToken {
  token: string;
  expiresInSec: number;
}

export interface PreviewOptions {
  /** The Dataverse emulator's base URL (`http://127.0.0.1:5555`). */
  dataverseUrl: string;
  /** Entity set of a table's logical name, from the emulator's metadata (`contact` → `contacts`). */
  entitySetOf(logicalName: string): string | undefined;
  /** A sales rep's token for the Dataverse Web API (what the form's session gives a control in Dynamics). */
  dataverseToken(): Promise<PreviewToken>;
  /** A sales rep's token for the connector proxy's control API (what MSAL single sign-on gives in Dynamics). */
  controlToken(): Promise<PreviewToken>;
  /** Folder holding `pcf-controls/` (tests point it elsewhere to see the "not built" page). */
  root?: string;
  fetch?: typeof fetch;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY = /^[a-z_][a-z0-9_]{0,63}$/;

/**
 * The control preview (`npm start` → http://localhost:3000/preview): contact and account form mock-ups that host
 * the production builds of the PCF controls with a ComponentFramework context backed by the sandbox. Registered
 * on the proxy's HTTP server by the sandbox launcher only; a deployed proxy never serves it.
 */
export function previewRoutes(options: PreviewOptions): FastifyPluginAsync {
  const root = options.root ?? REPO_ROOT;
  const doFetch = options.fetch ?? fetch;
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).header('content-type', CONTENT_TYPES['.html']).header('cache-control', 'no-store').send(body);
  const problem = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).send({ error: { code, message } });

  return async (app) => {
    app.get('/', async (_req, reply) => reply.redirect('/preview/'));
    app.get('/preview', async (_req, reply) => reply.redirect('/preview/'));
    app.get('/preview/', async (_req, reply) => {
      const missing = missingBuilds(root);
      return missing.length ? html(reply, notBuiltPage(missing), 503) : html(reply, indexPage());
    });

    app.get<{ Params: { entity: string; id: string } }>('/preview/:entity/:id', async (req, reply) => {
      const { entity, id } = req.params;
      if (entity !== 'contact' && entity !== 'account') return html(reply, indexPage(`No form for '${entity}': the preview has contact and account forms.`), 404);
      if (!ID.test(id)) return html(reply, indexPage(`'${id}' is not a record id (a GUID).`), 400);
      const missing = missingBuilds(root);
      if (missing.length) return html(reply, notBuiltPage(missing), 503);
      return html(reply, formPage(entity, id.toLowerCase()));
    });

    app.get('/preview/assets/host.js', async (_req, reply) =>
      reply.header('content-type', CONTENT_TYPES['.js']).header('cache-control', 'no-store').send(await hostScript()),
    );
    app.get<{ Params: { file: string } }>('/preview/assets/lib/:file', async (req, reply) => {
      const text = platformLibrary(req.params.file, '/preview/assets/fonts/');
      if (text === undefined) return problem(reply, 404, 'PREVIEW_ASSET_NOT_FOUND', `No platform library '${req.params.file}'`);
      return reply.header('content-type', CONTENT_TYPES['.js']).header('cache-control', 'max-age=3600').send(text);
    });
    app.get<{ Params: { file: string } }>('/preview/assets/fonts/:file', async (req, reply) => {
      const file = iconFontFile(req.params.file);
      if (!file) return problem(reply, 404, 'PREVIEW_ASSET_NOT_FOUND', `No icon font '${req.params.file}'`);
      return reply.header('content-type', 'font/woff').header('cache-control', 'max-age=86400').send(createReadStream(file));
    });
    app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
    app.get<{ Params: { control: string; '*': string } }>('/preview/controls/:control/*', async (req, reply) => {
      const file = controlFile(req.params.control, req.params['*'], root);
      if (!file) return problem(reply, 404, 'PREVIEW_ASSET_NOT_FOUND', `No built file '${req.params['*']}' for control '${req.params.control}' (run npm run build)`);
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      return reply.header('content-type', type).header('cache-control', 'no-store').send(createReadStream(file));
    });

    app.get<{ Params: { '*': string } }>('/preview/webresources/*', async (req, reply) => {
      const file = webResourceFile(req.params['*'], root);
      if (!file) return problem(reply, 404, 'PREVIEW_ASSET_NOT_FOUND', `No built web resource '${req.params['*']}' (run npm run build)`);
      return reply.header('content-type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream').header('cache-control', 'no-store').send(createReadStream(file));
    });

    // The token the controls' UrlTokenProvider fetches (input property tokenUrl). Sandbox only: whoever can reach
    // this URL gets a sales rep's token; in Dynamics the controls sign in with MSAL instead.
    app.get('/preview/token', async (_req, reply) => {
      const t = await options.controlToken();
      return reply.header('cache-control', 'no-store').send({ token_type: 'Bearer', access_token: t.token, expires_in: t.expiresInSec });
    });

    // context.webAPI: the host page asks here; the request goes on to the Dataverse emulator as the sales rep.
    app.get<{ Params: { entity: string; id?: string }; Querystring: Record<string, string> }>('/preview/webapi/:entity/:id?', async (req, reply) => {
      const { entity, id } = req.params;
      if (!ENTITY.test(entity)) return problem(reply, 400, 'PREVIEW_BAD_ENTITY', `'${entity}' is not a table's logical name`);
      const set = options.entitySetOf(entity);
      if (!set) return problem(reply, 404, 'PREVIEW_UNKNOWN_ENTITY', `The Dataverse emulator has no table '${entity}'`);
      if (id !== undefined && !ID.test(id)) return problem(reply, 400, 'PREVIEW_BAD_ID', `'${id}' is not a record id (a GUID)`);
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const target = `${options.dataverseUrl}/api/data/v9.2/${set}${id ? `(${id})` : ''}${query}`;
      const { token } = await options.dataverseToken();
      const res = await doFetch(target, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', prefer: 'odata.include-annotations="*"', 'odata-version': '4.0', 'odata-maxversion': '4.0' },
      });
      const body = await res.text();
      return reply
        .code(res.status)
        .header('content-type', res.headers.get('content-type') ?? 'application/json')
        .header('cache-control', 'no-store')
        .send(body);
    });
  };
}
