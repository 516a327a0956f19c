export * from './types';
export { openStore, type OpenStoreOptions } from './open-store';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store';
export { openPostgresStore, DEFAULT_SCHEMA, type PostgresStoreOptions } from './postgres-store';
export { canTransition, isTerminal, JOB_STATES, TRANSITIONS, UNFINISHED_STATES, type Transition } from './job-states';
