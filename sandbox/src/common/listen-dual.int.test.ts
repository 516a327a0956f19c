import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { listenDual, urlHost } from './listen-dual';
import { getDevCertificate, writeCaFile } from './tls-cert';

const run = promisify(execFile);

function buildApp() {
  const app = Fastify();
  app.post('/echo', async (req) => ({ protocol: req.protocol, host: req.host, size: JSON.stringify(req.body).length }));
  return app;
}

describe('listenDual', () => {
  it('answers the same route over http and https on one port, with keep-alive and large bodies', async () => {
    const app = buildApp();
    const server = await listenDual(app, { port: 0, host: '127.0.0.1' });
    const agent = new Agent({ connect: { ca: server.caPem } });
    try {
      expect(server.httpUrl).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.httpsUrl).toBe(`https://127.0.0.1:${server.port}`);
      const body = JSON.stringify({ s: 'x'.repeat(100_000) });
      const protocols: string[] = [];
      for (const url of [server.httpUrl, server.httpsUrl, `https://localhost:${server.port}`, server.httpUrl, server.httpsUrl]) {
        const res = await request(`${url}/echo`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, dispatcher: agent });
        expect(res.statusCode).toBe(200);
        const json = (await res.body.json()) as { protocol: string; size: number };
        expect(json.size).toBe(body.length);
        protocols.push(json.protocol);
      }
      expect(protocols).toEqual(['http', 'https', 'https', 'http', 'https']);
    } finally {
      await agent.close();
      await app.close();
    }
  });

  it('is refused by a client that does not trust the sandbox CA', async () => {
    const app = buildApp();
    const server = await listenDual(app, { port: 0 });
    try {
      await expect(request(`${server.httpsUrl}/echo`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).rejects.toMatchObject({
        code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/),
      });
    } finally {
      await app.close();
    }
  });

  it('writes the CA for other processes: NODE_EXTRA_CA_CERTS makes plain https trust it', async () => {
    const app = buildApp();
    const server = await listenDual(app, { port: 0, host: 'localhost' });
    try {
      const caFile = await writeCaFile(await mkdtemp(join(tmpdir(), 'sandbox-ca-')));
      expect(await readFile(caFile, 'utf8')).toBe(server.caPem);
      const script = `require('https').request(process.argv[1],{method:'POST',headers:{'content-type':'application/json'}},r=>{let b='';r.on('data',d=>b+=d);r.on('end',()=>console.log(r.statusCode,b))}).on('error',e=>{console.error(e.code);process.exit(1)}).end('{}')`;
      const { stdout } = await run(process.execPath, ['-e', script, `${server.httpsUrl}/echo`], { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
      expect(stdout.trim()).toBe(`200 {"protocol":"https","host":"localhost:${server.port}","size":2}`);
    } finally {
      await app.close();
    }
  });

  it('releases the port when the fastify app closes', async () => {
    const app = buildApp();
    const server = await listenDual(app, { port: 0 });
    await app.close();
    await server.close();
    await expect(request(`${server.httpUrl}/echo`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('generates the certificate once per process', async () => {
    expect(await getDevCertificate()).toBe(await getDevCertificate());
    expect(urlHost('0.0.0.0')).toBe('localhost');
    expect(urlHost('::1')).toBe('[::1]');
  });
});
