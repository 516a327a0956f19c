/**
 * Request validation with zod (spec §4.4 validation rules). Failures become 422
 * `validation_error` with one `errors[]` entry per field, named as the spec's example does
 * (`shippingAddresses[1].countryCode`).
 */
import { z } from 'zod';
import {
  ACCOUNT_STATUSES, DISCOUNT_TYPES, LOYALTY_REASONS, ORDER_SOURCES, ORDER_STATUSES, PAYMENT_METHODS, PAYMENT_STATES,
} from '../types';
import { isCountryCode } from './countries';
import { isMoney, isRate } from './money';
import { validation, type FieldError } from './problem';

const str = z.string().min(1).max(1000);
const money = z.string().refine(isMoney, { message: 'Must be a decimal string with up to 4 decimals, e.g. "24.99".' });
const rate = z.string().refine(isRate, { message: 'Must be a decimal rate string, e.g. "0.0825".' });
const country = z.string().refine(isCountryCode, { message: 'Unknown ISO 3166-1 alpha-2 code.' });
const stringMap = z.record(z.string(), z.string());

export const addressSchema = z.object({
  addressId: str.optional(), label: str.optional(), firstName: str.optional(), lastName: str.optional(),
  company: str.optional(), line1: str, line2: str.optional(), city: str, region: str.optional(),
  postalCode: str.optional(), countryCode: country, phone: str.optional(), isDefault: z.boolean().optional(),
});

export const companySchema = z.object({
  companyId: str.optional(), name: str, accountNumber: str.optional(), taxId: str.optional(),
});

/** The customer as it must look after create or after a merge patch. */
export const customerSchema = z.object({
  firstName: str, lastName: str, email: z.email(), phone: str.optional(),
  shippingAddresses: z.array(addressSchema).default([]), billingAddresses: z.array(addressSchema).default([]),
  accountStatus: z.enum(ACCOUNT_STATUSES).default('active'), loyaltyTier: str.optional(),
  acceptsMarketing: z.boolean().optional(), company: companySchema.optional(),
  externalIds: stringMap.optional(), metadata: stringMap.optional(),
});
export type CustomerDraft = z.infer<typeof customerSchema>;

const taxLine = z.object({ title: str, rate, amount: money.optional() });
const allocation = z.object({ promotionId: str.optional(), code: str.optional(), amount: money });

export const orderCreateSchema = z.object({
  customerId: str.optional(), email: z.email(), phone: str.optional(),
  status: z.enum(ORDER_STATUSES).default('pending'), source: z.enum(ORDER_SOURCES).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 code.').default('USD'),
  lineItems: z.array(z.object({
    sku: str, productId: str.optional(), name: str.optional(), quantity: z.int().min(1),
    unitPrice: money.optional(), totalDiscount: money.optional(), discountAllocations: z.array(allocation).default([]),
    taxLines: z.array(taxLine).default([]), lineTotal: money.optional(), requiresShipping: z.boolean().optional(),
  })).min(1),
  shippingAddress: addressSchema.optional(), billingAddress: addressSchema,
  shippingLines: z.array(z.object({
    title: str, carrier: str.optional(), service: str.optional(), price: money, taxLines: z.array(taxLine).default([]),
  })).default([]),
  discounts: z.array(z.object({
    promotionId: str.optional(), code: str.optional(), title: str.optional(), type: z.enum(DISCOUNT_TYPES), value: z.string(), amount: money,
  })).default([]),
  taxLines: z.array(taxLine).optional(),
  taxesIncluded: z.boolean().default(false),
  subtotalPrice: money.optional(), totalDiscounts: money.optional(), totalShipping: money.optional(),
  totalFees: money.optional(), totalTax: money.optional(), totalPrice: money.optional(),
  totalPaid: money.optional(), balanceDue: money.optional(),
  payments: z.array(z.object({
    paymentId: str.optional(), status: z.enum(PAYMENT_STATES), method: z.enum(PAYMENT_METHODS), amount: money,
    amountRefunded: money.optional(), currency: z.string().optional(), gateway: str.optional(),
    transactionId: str.optional(), cardBrand: str.optional(), last4: z.string().regex(/^\d{4}$/).optional(),
    createdAt: z.iso.datetime().optional(), updatedAt: z.iso.datetime().optional(),
  })).default([]),
  purchaseOrderNumber: str.optional(), notes: z.string().max(10000).optional(), metadata: stringMap.optional(),
});
export type OrderDraft = z.infer<typeof orderCreateSchema>;

export const orderPatchSchema = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(), notes: z.string().max(10000).nullable().optional(),
  purchaseOrderNumber: str.nullable().optional(), metadata: z.record(z.string(), z.string().nullable()).nullable().optional(),
  cancelReason: str.optional(),
});

export const loyaltyCreateSchema = z.object({
  pointsChange: z.int().refine((n) => n !== 0, { message: 'Must not be zero.' }),
  reason: z.enum(LOYALTY_REASONS), description: z.string().max(1000).optional(), referenceId: str.optional(),
});

export const inventoryPutSchema = z.object({
  locationId: str.optional(), onHand: z.int().min(0),
  reason: z.enum(['order', 'cancellation', 'return', 'adjustment', 'restock', 'sync']).optional(),
});
export const inventoryAdjustSchema = z.object({
  locationId: str.optional(), delta: z.int().refine((n) => n !== 0, { message: 'Must not be zero.' }),
  reason: z.enum(['order', 'cancellation', 'return', 'adjustment', 'restock', 'sync']).default('adjustment'),
  referenceId: str.optional(),
});

export const webhookCreateSchema = z.object({
  url: z.url(), events: z.array(z.string().min(1)).min(1), description: z.string().max(500).optional(),
});
export const webhookPatchSchema = z.strictObject({
  url: z.url().optional(), events: z.array(z.string().min(1)).min(1).optional(),
  description: z.string().max(500).nullable().optional(), active: z.boolean().optional(),
});

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

function issueCode(i: z.core.$ZodIssue, field: string): string {
  if (i.code === 'invalid_type' && i.input === undefined) return 'required';
  if (field.endsWith('countryCode') && i.code === 'custom') return 'unknown_country';
  if (i.code === 'invalid_format' || i.code === 'custom') return 'invalid_format';
  if (i.code === 'unrecognized_keys') return 'unknown_field';
  return i.code;
}

export function toFieldErrors(e: z.ZodError): FieldError[] {
  return e.issues.map((i) => {
    const field = fieldName(i.path);
    if (i.code === 'unrecognized_keys') {
      return { field: i.keys.join(','), code: 'unknown_field', message: `Not a writable field: ${i.keys.join(', ')}.` };
    }
    return { field, code: issueCode(i, field), message: i.message };
  });
}

/** Parses or throws 422 `validation_error`. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw validation(toFieldErrors(r.error));
  return r.data;
}
