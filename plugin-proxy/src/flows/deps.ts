/** What every flow's handlers get: built once at start-up (runtime.ts). */
export type { CustomerFlowDeps as FlowDeps } from './customer/deps';
