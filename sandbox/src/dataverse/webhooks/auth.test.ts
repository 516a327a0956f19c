import { applyAuth, checkWebhookUrl, parseAuthPairs } from './auth';

describe('webhook authentication (§6.2)', () => {
  it('parses the Plug-in Registration Tool <settings> form, decoding XML entities', () => {
    const xml = '<settings><setting name="X-Test1" value="test1" /><setting value="a&amp;b&quot;c" name=\'X-Test2\'/></settings>';
    expect(parseAuthPairs(xml)).toEqual([
      { name: 'X-Test1', value: 'test1' },
      { name: 'X-Test2', value: 'a&b"c' },
    ]);
  });

  it('parses "Key: Value" lines and rejects anything else', () => {
    expect(parseAuthPairs('X-Test1: test1\r\nX-Test2: a:b\n')).toEqual([
      { name: 'X-Test1', value: 'test1' },
      { name: 'X-Test2', value: 'a:b' },
    ]);
    expect(parseAuthPairs('just-a-secret')).toBeUndefined();
    expect(parseAuthPairs('<setting name="x" value="y"/>')).toBeUndefined();
  });

  it('WebhookKey adds ?code=, keeping an existing query', () => {
    expect(applyAuth('https://x.example/api/hook?v=1', 4, 'k/+=')).toEqual({ ok: true, url: 'https://x.example/api/hook?v=1&code=k%2F%2B%3D', headers: {} });
  });

  it('HttpHeader sends the configured headers with lower-case names', () => {
    const result = applyAuth('https://x.example/h', 5, '<settings><setting name="X-Key" value="s3" /></settings>');
    expect(result).toEqual({ ok: true, url: 'https://x.example/h', headers: { 'x-key': 's3' } });
  });

  it('HttpQueryString puts the pairs on the query string', () => {
    expect(applyAuth('https://x.example/h', 6, 'Key1: Value1\nKey2: Value 2')).toEqual({ ok: true, url: 'https://x.example/h?Key1=Value1&Key2=Value+2', headers: {} });
  });

  it('refuses unparsable pair lists and non-webhook auth types without echoing the secret', () => {
    const bad = applyAuth('https://x.example/h', 5, 'top-secret');
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).not.toContain('top-secret');
    expect(applyAuth('https://x.example/h', 2, 'x').ok).toBe(false);
  });

  it('only ports 80 and 443 unless the sandbox allows any (register-web-hook)', () => {
    expect(checkWebhookUrl('https://x.example/h', false)).toBeUndefined();
    expect(checkWebhookUrl('http://x.example:80/h', false)).toBeUndefined();
    expect(checkWebhookUrl('http://127.0.0.1:8080/h', false)).toMatch(/port 8080/);
    expect(checkWebhookUrl('http://127.0.0.1:8080/h', true)).toBeUndefined();
    expect(checkWebhookUrl('ftp://x.example/h', true)).toMatch(/scheme/);
    expect(checkWebhookUrl('/relative', true)).toMatch(/absolute/);
  });
});
