import { Writable } from 'node:stream';
import { createLogger, jobLogger, maskUrlSecrets } from './logger';

function capture(secretHeaders?: string[]) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination, secretHeaders });
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, text: () => lines.join(''), parsed };
}

const SECRET = 's3cr3t-value-that-must-not-leak';

describe('createLogger redaction', () => {
  it('never writes secrets, tokens, keys or signatures', () => {
    const { logger, text } = capture(['x-dv-key']);
    logger.info({ client_secret: SECRET, token: SECRET, apiKey: SECRET }, 'top level');
    logger.error({ err: { code: 'CONNECTOR_ERR_AUTH' } }, 'error codes stay readable');
    logger.info({ auth: { secret: SECRET, client_secret: SECRET, access_token: SECRET } }, 'nested');
    logger.info({ config: { DATAVERSE_CLIENT_SECRET: SECRET, CLARITY_WEBHOOK_SECRETS: [SECRET], ADMIN_API_KEY: SECRET } }, 'config');
    logger.info(
      { req: { method: 'POST', url: `/webhooks/dataverse?code=${SECRET}`, headers: { authorization: `Bearer ${SECRET}` } } },
      'request',
    );
    logger.info(
      { headers: { authorization: `Bearer ${SECRET}`, 'webhook-signature': `v1,${SECRET}`, 'x-connector-key': SECRET, 'x-dv-key': SECRET } },
      'headers',
    );
    logger.child({ request: { headers: { 'x-api-key': SECRET } } }).warn('child');
    const out = text();
    expect(out).not.toContain(SECRET);
    expect(out).toContain('[Redacted]');
    expect(out).toContain('CONNECTOR_ERR_AUTH');
    expect(out.split('\n').filter(Boolean)).toHaveLength(7);
  });

  it('keeps the useful parts of a request URL', () => {
    expect(maskUrlSecrets(`/webhooks/dataverse?x=1&code=${SECRET}&y=2`)).toBe('/webhooks/dataverse?x=1&code=[Redacted]&y=2');
    expect(maskUrlSecrets('/admin/jobs?state=dead')).toBe('/admin/jobs?state=dead');
  });
});

describe('jobLogger', () => {
  it('carries the job context on every line', () => {
    const { logger, parsed } = capture();
    jobLogger(logger, { id: '42', kind: 'clarity.customer', recordKey: 'customer:cus_1' }).info({ attempt: 2 }, 'running');
    expect(parsed()[0]).toMatchObject({ jobId: '42', kind: 'clarity.customer', recordKey: 'customer:cus_1', attempt: 2, msg: 'running', service: 'plugin-proxy' });
  });
});
