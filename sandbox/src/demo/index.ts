/** Deterministic demo data for the sandbox emulators (see generate.ts). */
export { generateDemoData, generateCustomersOnly, DEFAULT_NOW, type DemoData, type DemoOptions } from './generate';
export type { DemoSummary } from './summary';
export { LOCATIONS } from './inventory';
export { TIERS, tierFor } from './loyalty';
