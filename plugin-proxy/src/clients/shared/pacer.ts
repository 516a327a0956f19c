/**
 * Proactive pacing for one API client: a concurrency cap, an optional sliding-window budget of requests and
 * execution time, spacing when the server says its budget is nearly spent, and a client-wide pause after a 429.
 * The aim is to stay under the platform's limits (dataverse-webapi.md §4.4, clarity-api.md §4.9) rather than
 * bounce off them.
 */
import { WakeTimer } from './wake-timer';

export interface WindowLimits {
  requestsPerWindow: number;
  windowMs: number;
  /** Combined execution time allowed per window (Dataverse only). */
  executionMsPerWindow?: number;
}

export interface PacerOptions {
  maxConcurrency: number;
  limits?: WindowLimits;
  /** Fraction of each budget the client allows itself, leaving room for other callers on the same user. */
  headroom?: number;
  now?: () => number;
}

export interface PacerStats {
  inFlight: number;
  queued: number;
  pausedUntil: number;
}

/** One admitted request; call `done` exactly once. */
export interface Slot {
  done(): void;
}

interface Entry {
  /** When it stops counting: Infinity while in flight, then completion + window. */
  expiresAt: number;
  durationMs: number;
}

export class Pacer {
  private readonly queue: (() => void)[] = [];
  private readonly entries: Entry[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private spacingMs = 0;
  private lastStart = -Infinity;
  private readonly wake: WakeTimer;
  private readonly now: () => number;
  private readonly requestBudget: number;
  private readonly executionBudget: number;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now;
    this.wake = new WakeTimer(() => this.pump(), this.now);
    const headroom = options.headroom ?? 0.9;
    const limits = options.limits;
    this.requestBudget = limits ? Math.max(1, Math.floor(limits.requestsPerWindow * headroom)) : Infinity;
    this.executionBudget = limits?.executionMsPerWindow ? limits.executionMsPerWindow * headroom : Infinity;
  }

  /** Waits until a request may start. */
  acquire(): Promise<Slot> {
    return new Promise((resolve) => {
      this.queue.push(() => resolve(this.start()));
      this.pump();
    });
  }

  /** Holds every request of this client until `ms` from now (a 429's Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.pump();
  }

  /**
   * The server's own count of requests left in its window (Dataverse `x-ms-ratelimit-burst-remaining-xrm-requests`,
   * §1.3 / §4.4; Clarity `X-RateLimit-Remaining`, §4.9). It also sees other processes using the same identity,
   * which our local window cannot: when it runs low, start requests no faster than the sustained rate.
   */
  observeRemaining(remaining: number, sustainedIntervalMs: number): void {
    const lowWater = Math.max(this.options.maxConcurrency, 1);
    const before = this.spacingMs;
    this.spacingMs = remaining <= lowWater ? sustainedIntervalMs * (remaining <= 0 ? 2 : 1) : 0;
    if (this.spacingMs < before) this.pump();
  }

  /**
   * How long a request asked for now would wait: 0 when it would start at once, Infinity when only a completion
   * can make room. A caller that can put more into one request (coalesce.ts) waits instead of queueing a small one.
   */
  readyIn(): number {
    const wait = this.waitMs(this.now());
    return this.queue.length > 0 ? Math.max(1, wait) : wait;
  }

  /** Stops the wake-up timer (queued requests stay queued). */
  close(): void {
    this.wake.cancel();
  }

  stats(): PacerStats {
    return { inFlight: this.inFlight, queued: this.queue.length, pausedUntil: this.pausedUntil };
  }

  private start(): Slot {
    const entry: Entry = { expiresAt: Infinity, durationMs: 0 };
    const startedAt = this.now();
    if (this.options.limits) this.entries.push(entry);
    this.inFlight++;
    this.lastStart = startedAt;
    let released = false;
    return {
      done: () => {
        if (released) return;
        released = true;
        const end = this.now();
        // Counting from completion, not from sending, keeps our window at least as long as the server's
        // (which counts from arrival), so a slot never frees here before it frees there.
        entry.expiresAt = end + (this.options.limits?.windowMs ?? 0);
        entry.durationMs = end - startedAt;
        this.inFlight--;
        this.pump();
      },
    };
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const now = this.now();
      const wait = this.waitMs(now);
      if (wait > 0) {
        if (Number.isFinite(wait)) this.wake.wakeAt(now + wait);
        return;
      }
      this.queue.shift()!();
    }
  }

  /** 0 when a request may start now; Infinity when only a completion can free room. */
  private waitMs(now: number): number {
    if (this.inFlight >= this.options.maxConcurrency) return Infinity;
    if (this.pausedUntil > now) return this.pausedUntil - now;
    if (this.spacingMs > 0 && now < this.lastStart + this.spacingMs) return this.lastStart + this.spacingMs - now;
    if (!this.options.limits) return 0;
    this.prune(now);
    let executionMs = 0;
    let earliest = Infinity;
    for (const e of this.entries) {
      executionMs += e.durationMs;
      earliest = Math.min(earliest, e.expiresAt);
    }
    if (this.entries.length >= this.requestBudget || executionMs >= this.executionBudget) return earliest - now;
    return 0;
  }

  private prune(now: number): void {
    let w = 0;
    for (const e of this.entries) if (e.expiresAt > now) this.entries[w++] = e;
    this.entries.length = w;
  }
}
