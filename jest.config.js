/** One Jest configuration for every workspace: tests live beside the code (see shared style). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/sandbox', '<rootDir>/plugin-proxy', '<rootDir>/test', '<rootDir>/solution', '<rootDir>/webresources', '<rootDir>/pcf-controls'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // PCF components (pcf-controls/): TSX with the classic runtime, as React 16 has no jsx-runtime the platform provides.
    '^.+\\.tsx$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'classic' } } }, module: { type: 'commonjs' } }],
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // @fluentui/react 8.29.0 deep-imports "@fluentui/<pkg>/lib-commonjs/…", which newer sub-packages hide behind an "exports" map.
  moduleNameMapper: { '^@fluentui/([^/]+)/lib-commonjs/(.*)$': '<rootDir>/node_modules/@fluentui/$1/lib-commonjs/$2' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/out/'],
  // cookie@2 (used by fastify's inject) ships ESM only; Node 20 loads it natively, Jest needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  testTimeout: 30000,
};
