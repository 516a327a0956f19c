/**
 * An always-sorted (time, id) index, so list pages seek by binary search instead of sorting the
 * whole store per request. Updates move one entry (O(log n) search + a memmove), which is cheap
 * next to sorting 100,000 records per page.
 */

export interface Entry { t: number; id: string }

export function compareEntries(a: Entry, b: Entry): number {
  return a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class SortedIndex {
  private entries: Entry[] = [];

  get size(): number { return this.entries.length; }

  /** Index of the first entry >= e. */
  lowerBound(e: Entry): number {
    let lo = 0, hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.entries[mid]!, e) < 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  insert(e: Entry): void {
    this.entries.splice(this.lowerBound(e), 0, e);
  }

  remove(e: Entry): void {
    const i = this.lowerBound(e);
    const at = this.entries[i];
    if (at && at.t === e.t && at.id === e.id) this.entries.splice(i, 1);
  }

  move(from: Entry, to: Entry): void {
    this.remove(from);
    this.insert(to);
  }

  /** Bulk load: one sort for a whole seed instead of n sorted inserts. */
  load(es: Entry[]): void {
    this.entries = this.entries.concat(es).sort(compareEntries);
  }

  at(i: number): Entry | undefined { return this.entries[i]; }

  /** Entries strictly after `after` (ascending) or strictly before it (descending). */
  *walk(desc: boolean, after?: Entry, fromT?: number): Generator<Entry> {
    if (!desc) {
      let i = after ? this.lowerBound({ t: after.t, id: after.id + '\u0000' }) : 0;
      if (fromT !== undefined) i = Math.max(i, this.lowerBound({ t: fromT, id: '' }));
      for (; i < this.entries.length; i++) yield this.entries[i]!;
    } else {
      let i = (after ? this.lowerBound(after) : this.entries.length) - 1;
      for (; i >= 0; i--) yield this.entries[i]!;
    }
  }

  static from(es: Entry[]): SortedIndex {
    const s = new SortedIndex();
    s.load(es);
    return s;
  }
}
