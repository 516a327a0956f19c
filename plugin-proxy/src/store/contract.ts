/**
 * The store contract: one suite both engines must pass (design.md: "the same contract tests run against both").
 * Each engine's `*.int.test.ts` calls `describeStoreContract` with a factory for fresh storage.
 */
import { checkpointsContract } from './contract-checkpoints';
import { claimContract } from './contract-claim';
import { concurrencyContract } from './contract-concurrency';
import { lifecycleContract } from './contract-lifecycle';
import { linksContract } from './contract-links';
import type { BackendFactory } from './contract-support';

export type { BackendFactory, ContractBackend } from './contract-support';

export function describeStoreContract(name: string, factory: BackendFactory): void {
  describe(`${name} store contract`, () => {
    describe('jobs', () => claimContract(factory));
    describe('job lifecycle', () => lifecycleContract(factory));
    describe('links and conflicts', () => linksContract(factory));
    describe('concurrency and durability', () => concurrencyContract(factory));
    describe('checkpoints', () => checkpointsContract(factory));
  });
}
