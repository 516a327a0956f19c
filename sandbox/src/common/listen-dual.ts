import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { getDevCertificate } from './tls-cert';

export interface DualListenOptions {
  port: number;
  /** Defaults to 127.0.0.1: the emulators are for this machine only. */
  host?: string;
}

export interface DualListener {
  port: number;
  httpUrl: string;
  httpsUrl: string;
  caPem: string;
  /** Stops accepting and destroys open sockets; also runs when the fastify app closes. */
  close(): Promise<void>;
}

/** The first byte of a TLS connection is a handshake record (content type 22). */
export const TLS_HANDSHAKE_BYTE = 0x16;

/** URL host for a listen address: wildcard and loopback names become `localhost`, the cert's DNS SAN. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Serves TLS and plain HTTP on one port: msal-node only accepts https authorities while most other clients
 * are simplest on http. A net server peeks at the first byte and hands the socket to the https server or to
 * fastify's own http server; both deliver requests into the same fastify app.
 */
export async function listenDual(app: FastifyInstance, options: DualListenOptions): Promise<DualListener> {
  const host = options.host ?? '127.0.0.1';
  const cert = await getDevCertificate();
  await app.ready();

  const https = createHttpsServer({ key: cert.keyPem, cert: cert.certPem });
  https.on('request', (req, res) => app.server.emit('request', req, res));
  https.on('tlsClientError', (_err, socket) => socket.destroy());

  const sockets = new Set<Socket>();
  const net = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (head: Buffer) => {
      socket.pause();
      socket.unshift(head);
      if (head[0] === TLS_HANDSHAKE_BYTE) {
        // TLSSocket drains bytes already buffered on the socket before reading the handle.
        https.emit('connection', socket);
      } else {
        app.server.emit('connection', socket);
        // The http parser consumes the handle directly; the unshifted bytes reach it as a 'data' event.
        socket.resume();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    net.once('error', reject);
    net.listen(options.port, host, () => {
      net.off('error', reject);
      resolve();
    });
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      net.close(() => resolve());
      https.close();
      for (const s of sockets) s.destroy();
    }));
  // fastify.close() closes app.server even when it never listened; follow it.
  app.server.once('close', () => void close());

  const port = (net.address() as AddressInfo).port;
  const h = urlHost(host);
  return { port, httpUrl: `http://${h}:${port}`, httpsUrl: `https://${h}:${port}`, caPem: cert.caPem, close };
}
