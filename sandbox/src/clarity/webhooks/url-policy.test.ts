import { webhookUrlProblem } from './url-policy';

test('real rules: https on 443, no private or loopback hosts', () => {
  expect(webhookUrlProblem('https://crm-bridge.example.com/hooks/clarity', false)).toBeUndefined();
  expect(webhookUrlProblem('http://crm-bridge.example.com/hooks', false)).toMatch(/https/);
  expect(webhookUrlProblem('https://crm-bridge.example.com:8443/hooks', false)).toMatch(/443/);
  for (const h of ['127.0.0.1', 'localhost', '10.1.2.3', '192.168.0.1', '172.20.0.1', '[::1]', '169.254.169.254']) {
    expect(webhookUrlProblem(`https://${h}/x`, false)).toMatch(/refused/);
  }
});

test('sandbox rules allow loopback http', () => {
  expect(webhookUrlProblem('http://127.0.0.1:4000/hooks', true)).toBeUndefined();
  expect(webhookUrlProblem('ftp://127.0.0.1/x', true)).toMatch(/http/);
});
