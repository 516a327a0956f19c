/** One Jest configuration for every workspace: tests live beside the code (see shared style). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/sandbox', '<rootDir>/plugin-proxy', '<rootDir>/test', '<rootDir>/solution', '<rootDir>/webresources'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // cookie@2 (used by fastify's inject) ships ESM only; Node 20 loads it natively, Jest needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  testTimeout: 30000,
};
