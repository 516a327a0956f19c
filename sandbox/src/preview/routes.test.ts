import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import { previewRoutes, type PreviewOptions } from './routes';

const ID = '0b6f3c3e-8a51-4f6b-9d0e-2f6b1f7a9c11';

/** The preview's server side with a stand-in Dataverse (a recording fetch): routing, validation, token hand-out. */
describe('preview routes', () => {
  let app: FastifyInstance;
  const forwarded: { url: string; auth: string | null }[] = [];
  const options = (over: Partial<PreviewOptions> = {}): PreviewOptions => ({
    dataverseUrl: 'http://dv.test',
    entitySetOf: (n) => ({ contact: 'contacts', environmentvariabledefinition: 'environmentvariabledefinitions' })[n],
    dataverseToken: async () => ({ token: 'dv-token', expiresInSec: 3600 }),
    controlToken: async () => ({ token: 'control-token', expiresInSec: 3600 }),
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      forwarded.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return new Response(JSON.stringify({ value: [{ contactid: ID }] }), { status: 200, headers: { 'content-type': 'application/json; odata.metadata=minimal' } });
    }) as typeof fetch,
    ...over,
  });
  const build = async (over: Partial<PreviewOptions> = {}) => {
    const a = fastify();
    await a.register(previewRoutes(options(over)));
    return a;
  };
  beforeAll(async () => {
    app = await build();
  });
  afterAll(() => app.close());

  it("forwards context.webAPI reads to the Dataverse Web API with the rep's token, query intact", async () => {
    forwarded.length = 0;
    const res = await app.inject({ url: `/preview/webapi/contact?$select=fullname&$filter=clar_clarityid ne null` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ value: [{ contactid: ID }] });
    expect(forwarded).toEqual([{ url: `http://dv.test/api/data/v9.2/contacts?$select=fullname&$filter=clar_clarityid%20ne%20null`, auth: 'Bearer dv-token' }]);
    await app.inject({ url: `/preview/webapi/contact/${ID}?$select=fullname` });
    expect(forwarded[1]?.url).toBe(`http://dv.test/api/data/v9.2/contacts(${ID})?$select=fullname`);
  });

  it('refuses what is not a table or a record id, naming it', async () => {
    const bad = await app.inject({ url: '/preview/webapi/Contact;drop' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'PREVIEW_BAD_ENTITY' });
    const unknown = await app.inject({ url: '/preview/webapi/salesorder' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain("'salesorder'");
    const id = await app.inject({ url: '/preview/webapi/contact/not-a-guid' });
    expect(id.statusCode).toBe(400);
    expect(id.json().error).toMatchObject({ code: 'PREVIEW_BAD_ID' });
  });

  it('hands out the control API token in the shape the controls\' UrlTokenProvider reads, never cached', async () => {
    const res = await app.inject({ url: '/preview/token' });
    expect(res.json()).toEqual({ token_type: 'Bearer', access_token: 'control-token', expires_in: 3600 });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves the platform libraries and only files inside the build folders', async () => {
    const react = await app.inject({ url: '/preview/assets/lib/react.js' });
    expect(react.statusCode).toBe(200);
    expect(react.body).toContain('16.14.0');
    const fluent = await app.inject({ url: '/preview/assets/lib/fluentui-react.js' });
    expect(fluent.body).not.toContain('spoprod-a.akamaihd.net');
    expect(fluent.body).toContain('/preview/assets/fonts/');
    expect((await app.inject({ url: '/preview/assets/lib/evil.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/preview/controls/OrderHistory/..%2F..%2F..%2Fpackage.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/preview/controls/Other/bundle.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/preview/assets/fonts/..%2Fpackage.json' })).statusCode).toBe(404);
  });

  it('says how to build the controls when their outputs are missing', async () => {
    const empty = await build({ root: mkdtempSync(path.join(tmpdir(), 'preview-root-')) });
    const res = await empty.inject({ url: `/preview/contact/${ID}` });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    expect(res.body).toContain('OrderHistory');
    await empty.close();
  });

  it('answers 404/400 pages for other tables and malformed ids', async () => {
    expect((await app.inject({ url: `/preview/salesorder/${ID}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/preview/contact/123' })).statusCode).toBe(400);
  });
});
