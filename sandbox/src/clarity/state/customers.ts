/**
 * Customers with O(1) lookups by id, lower-cased email and phone, sorted indexes for paging, and
 * the loyalty ledger (spec §4.4, §4.12). Every change bumps `version` and emits an event.
 */
import { applyMergePatch, changedTopLevel } from '../domain/merge-patch';
import { ClarityProblem, notFound, validation } from '../domain/problem';
import { customerSchema, parseBody, toFieldErrors, type CustomerDraft } from '../domain/schemas';
import { SortedIndex, type Entry } from '../domain/sorted-index';
import type { Walk } from '../http/list';
import type { Address, Customer, LoyaltyReason, LoyaltyTransaction } from '../types';
import type { EventLog } from './events';
import { newId } from './ids';

const READ_ONLY = ['loyaltyPoints', 'customerId', 'createdAt', 'updatedAt'] as const;
const ms = (iso: string) => Date.parse(iso);

export class CustomerStore {
  readonly byId = new Map<string, Customer>();
  private byEmail = new Map<string, string>();
  private byPhone = new Map<string, Set<string>>();
  private updatedIdx = new SortedIndex();
  private createdIdx = new SortedIndex();
  private ledger = new Map<string, LoyaltyTransaction[]>();

  constructor(private readonly events: EventLog, private readonly now: () => Date) {}

  get(id: string): Customer | undefined { return this.byId.get(id); }
  getByEmail(email: string): Customer | undefined {
    const id = this.byEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }
  require(id: string): Customer {
    const c = this.byId.get(id);
    if (!c) throw notFound('Customer', id);
    return c;
  }
  transactions(id: string): LoyaltyTransaction[] { return this.ledger.get(id) ?? []; }

  seed(customers: Customer[], txs: LoyaltyTransaction[]): void {
    const upd: Entry[] = [], crt: Entry[] = [];
    for (const c of customers) {
      const old = this.byId.get(c.customerId);
      if (old) this.unindex(old);
      this.byId.set(c.customerId, c);
      this.indexLookups(c);
      upd.push({ t: ms(c.updatedAt), id: c.customerId });
      crt.push({ t: ms(c.createdAt), id: c.customerId });
    }
    this.updatedIdx.load(upd);
    this.createdIdx.load(crt);
    for (const t of txs) {
      const list = this.ledger.get(t.customerId) ?? [];
      list.push(t);
      this.ledger.set(t.customerId, list);
    }
  }

  create(body: Record<string, unknown>): Customer {
    rejectReadOnly(body);
    const d = parseBody(customerSchema, body);
    this.assertEmailFree(d.email);
    const at = this.now().toISOString();
    const c: Customer = {
      customerId: newId('cus'), ...withIds(d), loyaltyPoints: 0, createdAt: at, updatedAt: at, version: 1,
    };
    this.byId.set(c.customerId, c);
    this.indexLookups(c);
    this.updatedIdx.insert({ t: ms(at), id: c.customerId });
    this.createdIdx.insert({ t: ms(at), id: c.customerId });
    this.events.emit('customer.created', c);
    return c;
  }

  /** RFC 7396 merge patch; arrays (the address lists) are replaced wholesale. */
  patch(id: string, patch: Record<string, unknown>, expectedVersion?: number): Customer {
    const cur = this.require(id);
    rejectReadOnly(patch);
    const bodyVersion = patch.version;
    if (expectedVersion !== undefined && expectedVersion !== cur.version) throw versionMismatch(cur.version);
    if (bodyVersion !== undefined && bodyVersion !== null && bodyVersion !== cur.version) throw versionMismatch(cur.version);
    const { version: _v, ...rest } = patch;
    const merged = applyMergePatch(strip(cur), rest);
    const r = customerSchema.safeParse(merged);
    if (!r.success) throw validation(toFieldErrors(r.error));
    const oldCompanyId = cur.company?.companyId;
    if (oldCompanyId && r.data.company?.companyId && r.data.company.companyId !== oldCompanyId) {
      throw new ClarityProblem('read_only_field', 'company.companyId is assigned by Clarity and cannot change.', {
        errors: [{ field: 'company.companyId', code: 'read_only_field', message: 'Read-only once assigned.' }] });
    }
    if (r.data.email.toLowerCase() !== cur.email.toLowerCase()) this.assertEmailFree(r.data.email);
    const next = withIds(r.data, oldCompanyId);
    return this.commit(cur, { ...next, loyaltyPoints: cur.loyaltyPoints });
  }

  addLoyalty(id: string, input: { pointsChange: number; reason: LoyaltyReason; description?: string; referenceId?: string }): LoyaltyTransaction {
    const cur = this.require(id);
    const balanceAfter = cur.loyaltyPoints + input.pointsChange;
    if (balanceAfter < 0) {
      throw validation([{ field: 'pointsChange', code: 'insufficient_balance', message: `Balance ${cur.loyaltyPoints} cannot go below 0.` }]);
    }
    const tx: LoyaltyTransaction = {
      transactionId: newId('ltx'), customerId: id, pointsChange: input.pointsChange, balanceAfter, reason: input.reason,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.referenceId !== undefined ? { referenceId: input.referenceId } : {}),
      createdAt: this.now().toISOString(),
    };
    const list = this.ledger.get(id) ?? [];
    list.push(tx);
    this.ledger.set(id, list);
    this.commit(cur, { ...strip(cur), loyaltyPoints: balanceAfter });
    return tx;
  }

  /** Applies a new body; a no-op change keeps the version and emits nothing. */
  private commit(cur: Customer, next: Omit<Customer, 'customerId' | 'createdAt' | 'updatedAt' | 'version'>): Customer {
    const prev = changedTopLevel(strip(cur) as Record<string, unknown>, next as Record<string, unknown>, []);
    if (Object.keys(prev).length === 0) return cur;
    const at = this.now().toISOString();
    const updated: Customer = { customerId: cur.customerId, ...next, createdAt: cur.createdAt, updatedAt: at, version: cur.version + 1 };
    this.unindex(cur);
    this.byId.set(cur.customerId, updated);
    this.indexLookups(updated);
    this.updatedIdx.move({ t: ms(cur.updatedAt), id: cur.customerId }, { t: ms(at), id: cur.customerId });
    prev.updatedAt = cur.updatedAt;
    this.events.emit('customer.updated', updated, { previousAttributes: prev });
    return updated;
  }

  /** Picks the cheapest index for the filters (email/phone lookups never scan). */
  walk(filters: Record<string, string>, desc: boolean): Walk<Customer> {
    const f = filters;
    const minT = f.updatedAtMin ? ms(f.updatedAtMin) : undefined;
    const maxT = f.updatedAtMax ? ms(f.updatedAtMax) : undefined;
    const pick = (id: string): Customer | undefined => {
      const c = this.byId.get(id);
      if (!c) return undefined;
      if (f.email && c.email.toLowerCase() !== f.email.toLowerCase()) return undefined;
      if (f.phone && c.phone !== f.phone) return undefined;
      if (f.accountStatus && c.accountStatus !== f.accountStatus) return undefined;
      const u = ms(c.updatedAt);
      if ((minT !== undefined && u < minT) || (maxT !== undefined && u >= maxT)) return undefined;
      return c;
    };
    const key = (c: Customer): Entry => ({ t: ms(desc ? c.createdAt : c.updatedAt), id: c.customerId });
    if (f.email) {
      const c = this.getByEmail(f.email);
      return { index: SortedIndex.from(c ? [key(c)] : []), desc, pick };
    }
    if (f.phone) {
      const ids = [...(this.byPhone.get(f.phone) ?? [])];
      return { index: SortedIndex.from(ids.map((id) => key(this.byId.get(id)!))), desc, pick };
    }
    if (desc) return { index: this.createdIdx, desc, pick };
    return { index: this.updatedIdx, desc, pick, fromT: minT, stopAtT: maxT };
  }

  private assertEmailFree(email: string): void {
    if (this.byEmail.has(email.toLowerCase())) {
      throw new ClarityProblem('duplicate_email', `A customer with email '${email}' already exists.`, {
        errors: [{ field: 'email', code: 'duplicate_email', message: 'Email addresses are unique per store (case-insensitive).' }] });
    }
  }

  private indexLookups(c: Customer): void {
    this.byEmail.set(c.email.toLowerCase(), c.customerId);
    if (c.phone) {
      const s = this.byPhone.get(c.phone) ?? new Set<string>();
      s.add(c.customerId);
      this.byPhone.set(c.phone, s);
    }
  }

  private unindex(c: Customer): void {
    if (this.byEmail.get(c.email.toLowerCase()) === c.customerId) this.byEmail.delete(c.email.toLowerCase());
    if (c.phone) this.byPhone.get(c.phone)?.delete(c.customerId);
  }
}

function rejectReadOnly(body: Record<string, unknown>): void {
  const sent = READ_ONLY.filter((k) => k in body);
  if (sent.length) {
    throw new ClarityProblem('read_only_field', `${sent.join(', ')} cannot be written${sent.includes('loyaltyPoints') ? '; change the balance through /loyalty/transactions' : ''}.`, {
      errors: sent.map((f) => ({ field: f, code: 'read_only_field', message: 'This field is read-only.' })) });
  }
}

function versionMismatch(current: number): ClarityProblem {
  return new ClarityProblem('version_mismatch', `The customer is at version ${current}.`, { currentVersion: current });
}

function strip(c: Customer): Omit<Customer, 'customerId' | 'createdAt' | 'updatedAt' | 'version'> {
  const { customerId: _i, createdAt: _c, updatedAt: _u, version: _v, ...rest } = c;
  return rest;
}

/** Assigns ids to new addresses and to a first-saved company. */
function withIds(d: CustomerDraft, companyId?: string): Omit<Customer, 'customerId' | 'createdAt' | 'updatedAt' | 'version' | 'loyaltyPoints'> {
  const addr = (a: Address): Address => (a.addressId ? a : { addressId: newId('adr'), ...a });
  return {
    ...d,
    shippingAddresses: d.shippingAddresses.map(addr),
    billingAddresses: d.billingAddresses.map(addr),
    ...(d.company ? { company: { ...d.company, companyId: companyId ?? d.company.companyId ?? newId('cmp') } } : {}),
  };
}
