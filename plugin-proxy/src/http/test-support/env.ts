/** The smallest valid environment for the proxy's tests (sandbox names from design.md). */
export const TEST_WEBHOOK_SECRET = 'whsec_Y2xhcml0eS1kZXYtd2ViaG9vay1zZWNyZXQtMDAwMDE=';
export const TEST_DATAVERSE_KEY = 'dataverse-webhook-key-0001';
export const TEST_ADMIN_KEY = 'admin-api-key-for-tests-0001';

export const minimalEnv = (): NodeJS.ProcessEnv => ({
  DATAVERSE_URL: 'https://contoso.crm.dynamics.com/',
  DATAVERSE_TENANT_ID: 'sandbox',
  DATAVERSE_CLIENT_ID: 'sandbox-connector',
  DATAVERSE_CLIENT_SECRET: 'sandbox-secret',
  DATAVERSE_WEBHOOK_KEY: TEST_DATAVERSE_KEY,
  CLARITY_API_URL: 'http://127.0.0.1:5556',
  CLARITY_API_KEY: 'clr_test_sandbox',
  CLARITY_WEBHOOK_SECRETS: TEST_WEBHOOK_SECRET,
});
