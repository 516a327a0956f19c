/**
 * The event log (`GET /events`, spec §4.7): every emitted event in creation order, kept 30 days,
 * and handed to listeners (the webhook dispatcher). Appends keep it sorted by `createdAt`, so
 * `createdAtMin` is a binary search.
 */
import type { ClarityEvent, InventoryChange } from '../types';
import { newId } from './ids';
import { SortedIndex } from '../domain/sorted-index';

const RETENTION_MS = 30 * 24 * 3600_000;

export type EventListener = (e: ClarityEvent) => void;

export class EventLog {
  readonly byId = new Map<string, ClarityEvent>();
  readonly index = new SortedIndex();
  private listeners: EventListener[] = [];

  constructor(private readonly now: () => Date, private readonly storeId: string) {}

  onEvent(l: EventListener): () => void {
    this.listeners.push(l);
    return () => { this.listeners = this.listeners.filter((x) => x !== l); };
  }

  emit<T>(type: string, object: T, extra: { previousAttributes?: Record<string, unknown>; change?: InventoryChange } = {}): ClarityEvent<T> {
    const at = this.now();
    const event: ClarityEvent<T> = {
      id: newId('evt', at.getTime()), type, createdAt: at.toISOString(), apiVersion: 'v1', storeId: this.storeId,
      // A snapshot: later changes to the resource must not rewrite history.
      data: { object: structuredClone(object), ...(extra.previousAttributes ? { previousAttributes: structuredClone(extra.previousAttributes) } : {}), ...(extra.change ? { change: { ...extra.change } } : {}) },
    };
    this.byId.set(event.id, event);
    this.index.insert({ t: at.getTime(), id: event.id });
    this.prune(at.getTime());
    for (const l of this.listeners) l(event);
    return event;
  }

  /** Builds an event without logging it (`webhook.test` is a delivery check, not history). */
  ephemeral<T>(type: string, object: T): ClarityEvent<T> {
    const at = this.now();
    return { id: newId('evt', at.getTime()), type, createdAt: at.toISOString(), apiVersion: 'v1', storeId: this.storeId, data: { object } };
  }

  private prune(nowMs: number): void {
    for (let e = this.index.at(0); e && e.t < nowMs - RETENTION_MS; e = this.index.at(0)) {
      this.index.remove(e);
      this.byId.delete(e.id);
    }
  }
}
