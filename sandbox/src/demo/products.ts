/**
 * The catalogue: physical goods in colour/size variants (`WID-100-BLU`), plus a few services and gift
 * cards that do not ship. Base prices are USD; EUR and GBP list prices sit in `metadata.priceEUR` /
 * `metadata.priceGBP` because the Product type has one price per product (orders in EUR/GBP use them).
 */
import type { Product } from '../clarity/types';
import type { Rng } from './prng';
import { DAY_MS, iso } from './time';

interface Family {
  code: string; name: string; category: string; min: number; max: number;
  variants: readonly (readonly [string, string])[];
  uom?: string; shipping?: false; taxCode?: string; weightKg?: number;
}

const COLOURS = [['BLU', 'Blue'], ['RED', 'Red'], ['GRN', 'Green'], ['BLK', 'Black']] as const;
const SIZES = [['S', 'Small'], ['M', 'Medium'], ['L', 'Large']] as const;
const NONE = [['', '']] as const;

const FAMILIES: readonly Family[] = [
  { code: 'WID', name: 'Widget', category: 'Widgets', min: 12, max: 49, variants: COLOURS, weightKg: 0.4 },
  { code: 'GAD', name: 'Gadget', category: 'Gadgets', min: 25, max: 120, variants: NONE, weightKg: 0.9 },
  { code: 'SPR', name: 'Sprocket', category: 'Drive parts', min: 4, max: 30, variants: SIZES, weightKg: 0.2 },
  { code: 'GEA', name: 'Gearbox', category: 'Drive parts', min: 90, max: 640, variants: NONE, weightKg: 6.5 },
  { code: 'BRK', name: 'Mounting Bracket', category: 'Hardware', min: 3, max: 18, variants: [['ZN', 'Zinc'], ['SS', 'Stainless']], weightKg: 0.3 },
  { code: 'VLV', name: 'Ball Valve', category: 'Plumbing', min: 15, max: 85, variants: [['050', '1/2"'], ['075', '3/4"'], ['100', '1"']], weightKg: 0.7 },
  { code: 'HNG', name: 'Hinge (box of 10)', category: 'Hardware', min: 9, max: 35, variants: [['BRS', 'Brass'], ['BLK', 'Black']], uom: 'box', weightKg: 1.1 },
  { code: 'CBL', name: 'Cat6 Cable', category: 'Networking', min: 5, max: 40, variants: [['1M', '1 m'], ['3M', '3 m'], ['10M', '10 m']], weightKg: 0.15 },
  { code: 'ADP', name: 'Power Adapter', category: 'Electrical', min: 10, max: 45, variants: [['US', 'US plug'], ['EU', 'EU plug'], ['UK', 'UK plug']], weightKg: 0.25 },
  { code: 'SNS', name: 'Sensor', category: 'Electronics', min: 29, max: 199, variants: [['TMP', 'Temperature'], ['HUM', 'Humidity'], ['MOT', 'Motion']], weightKg: 0.1 },
  { code: 'LMP', name: 'Desk Lamp', category: 'Lighting', min: 35, max: 149, variants: COLOURS, weightKg: 1.8 },
  { code: 'CHR', name: 'Task Chair', category: 'Furniture', min: 149, max: 899, variants: [['BLK', 'Black'], ['GRY', 'Grey']], weightKg: 14 },
  { code: 'TBL', name: 'Standing Desk', category: 'Furniture', min: 399, max: 1299, variants: [['OAK', 'Oak'], ['WHT', 'White']], weightKg: 32 },
  { code: 'TLK', name: 'Tool Kit', category: 'Tools', min: 39, max: 259, variants: NONE, weightKg: 3.2 },
  { code: 'SVC', name: 'Installation Service', category: 'Services', min: 79, max: 249, variants: [['STD', 'Standard'], ['PRO', 'On-site']], shipping: false, taxCode: 'services' },
  { code: 'WAR', name: 'Extended Warranty', category: 'Services', min: 19, max: 99, variants: [['1Y', '1 year'], ['2Y', '2 years']], shipping: false, taxCode: 'services' },
  { code: 'GFT', name: 'Gift Card', category: 'Gift cards', min: 25, max: 100, variants: NONE, shipping: false, taxCode: 'gift_card' },
];

export const FAMILY_COUNT = FAMILIES.length;

/** Store-style prices: "24.99", "149.00", "39.95". */
function price(rng: Rng, min: number, max: number): number {
  const whole = rng.int(min, max);
  return whole * 100 + rng.pick([99, 99, 95, 49, 0]);
}

function convert(cents: number, factor: number): string {
  const whole = Math.max(1, Math.round((cents * factor) / 100));
  return `${whole - 1}.99`;
}

const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export function generateProducts(rng: Rng, count: number, nowMs: number): Product[] {
  const out: Product[] = [];
  const used = new Set<string>();
  // Walk models 100, 200, … across families until the count is reached: deterministic and never short.
  for (let model = 100; out.length < count; model += 100) {
    for (const f of FAMILIES) {
      // Gift cards come in denominations rather than models.
      const modelCode = f.code === 'GFT' ? String(model / 4).padStart(3, '0') : String(model);
      for (const [vCode, vName] of f.variants) {
        if (out.length >= count) break;
        const sku = [f.code, modelCode, vCode].filter(Boolean).join('-');
        if (used.has(sku) || (model > 100 && !rng.chance(0.7))) continue;
        used.add(sku);
        const cents = f.code === 'GFT' ? (model / 4) * 100 : price(rng, f.min, f.max);
        const createdMs = nowMs - rng.int(760, 1100) * DAY_MS;
        const updatedMs = createdMs + rng.int(0, 700) * DAY_MS;
        const name = f.code === 'GFT' ? `Gift Card ${model / 4}` : `${f.name} ${model}${vName ? ` - ${vName}` : ''}`;
        out.push({
          sku, productId: `prd_${String(out.length + 1).padStart(5, '0')}`, name,
          description: `${name}, from our ${f.category.toLowerCase()} range.`,
          price: money(cents), currency: 'USD',
          active: rng.chance(0.92),
          requiresShipping: f.shipping ?? true,
          taxCode: f.taxCode ?? 'tangible',
          unitOfMeasure: f.uom ?? 'each',
          ...(f.weightKg ? { weight: { value: (f.weightKg * (0.8 + rng.float() * 0.4)).toFixed(2), unit: 'kg' as const } } : {}),
          category: f.category,
          // Gift cards keep their face value in every currency.
          metadata: f.code === 'GFT'
            ? { priceEUR: money(cents), priceGBP: money(cents) }
            : { priceEUR: convert(cents, 0.93), priceGBP: convert(cents, 0.8) },
          createdAt: iso(createdMs), updatedAt: iso(updatedMs), version: 1 + rng.int(0, 6),
        });
      }
    }
  }
  return out;
}

/** Unit price in the order's currency (decimal string). */
export function priceIn(p: Product, currency: string): string {
  if (currency === 'EUR') return p.metadata?.priceEUR ?? p.price;
  if (currency === 'GBP') return p.metadata?.priceGBP ?? p.price;
  return p.price;
}
