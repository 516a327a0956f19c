/** Progress of a long load: counts, rate and ETA per entity, and the one-line bar the CLI redraws. */
export type LoadEntity = 'customers' | 'products' | 'orders';

export interface LoadProgress {
  entity: LoadEntity;
  /** Records handled in this run (written, unchanged or failed). */
  done: number;
  /** Handled in earlier, interrupted runs (from the checkpoint). */
  resumed: number;
  written: number;
  unchanged: number;
  failed: number;
  /** Known or estimated total for this entity, when there is one (Clarity lists have no counts, §4.8). */
  total?: number;
  /** Records per second in this run. */
  rate: number;
  /** Seconds left, when a total (or an estimate of it) is known. */
  etaSeconds?: number;
  elapsedMs: number;
}

export class ProgressMeter {
  private readonly started: number;
  readonly p: LoadProgress;

  constructor(entity: LoadEntity, resumed: number, total: number | undefined, private readonly clock: () => number = Date.now) {
    this.started = clock();
    this.p = { entity, done: 0, resumed, written: 0, unchanged: 0, failed: 0, rate: 0, elapsedMs: 0, ...(total !== undefined ? { total } : {}) };
  }

  add(counts: { written?: number; unchanged?: number; failed?: number }): LoadProgress {
    const { written = 0, unchanged = 0, failed = 0 } = counts;
    this.p.written += written;
    this.p.unchanged += unchanged;
    this.p.failed += failed;
    this.p.done += written + unchanged + failed;
    this.p.elapsedMs = this.clock() - this.started;
    this.p.rate = this.p.elapsedMs > 0 ? (this.p.done * 1000) / this.p.elapsedMs : 0;
    if (this.p.total !== undefined && this.p.rate > 0) this.p.etaSeconds = Math.max(0, this.p.total - this.p.resumed - this.p.done) / this.p.rate;
    return { ...this.p };
  }
}

const duration = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`);

/** `orders    [#########-----------]  45% 13,500/30,000  412/s  ETA 40s  failed 0` */
export function formatProgress(p: LoadProgress, width = 24): string {
  const count = p.resumed + p.done;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const share = p.total ? Math.min(1, count / p.total) : undefined;
  const bar = share === undefined ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '-')}] ${String(Math.floor(share * 100)).padStart(3)}% `;
  const eta = p.etaSeconds === undefined ? '' : `  ETA ${duration(p.etaSeconds)}`;
  return `${p.entity.padEnd(9)} ${bar}${fmt(count)}${p.total ? `/${fmt(p.total)}` : ''}  ${p.rate.toFixed(0)}/s${eta}  failed ${p.failed}`;
}
