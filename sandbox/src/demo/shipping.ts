/**
 * Shipping options per destination, and carrier tracking numbers/URLs in each carrier's real format,
 * so the order-history control can render clickable tracking links.
 */
import type { Rng } from './prng';

export interface ShippingOption { title: string; carrier: string; service: string; cents: number }

const US: readonly ShippingOption[] = [
  { title: 'UPS Ground', carrier: 'UPS', service: 'Ground', cents: 995 },
  { title: 'UPS 2nd Day Air', carrier: 'UPS', service: '2nd Day Air', cents: 1995 },
  { title: 'FedEx Ground', carrier: 'FedEx', service: 'Ground', cents: 895 },
  { title: 'USPS Priority Mail', carrier: 'USPS', service: 'Priority Mail', cents: 750 },
];
const BY_COUNTRY: Readonly<Record<string, readonly ShippingOption[]>> = {
  US,
  CA: [{ title: 'Canada Post Expedited', carrier: 'Canada Post', service: 'Expedited', cents: 1495 }, { title: 'UPS Standard', carrier: 'UPS', service: 'Standard', cents: 1995 }],
  AU: [{ title: 'DHL Express Worldwide', carrier: 'DHL', service: 'Express Worldwide', cents: 4995 }, { title: 'FedEx International Economy', carrier: 'FedEx', service: 'International Economy', cents: 2995 }],
  GB: [{ title: 'Royal Mail Tracked 48', carrier: 'Royal Mail', service: 'Tracked 48', cents: 395 }, { title: 'DPD Next Day', carrier: 'DPD', service: 'Next Day', cents: 695 }],
  DE: [{ title: 'DHL Paket', carrier: 'DHL', service: 'Paket', cents: 499 }, { title: 'DPD Classic', carrier: 'DPD', service: 'Classic', cents: 599 }],
  FR: [{ title: 'Colissimo', carrier: 'La Poste', service: 'Colissimo', cents: 690 }, { title: 'DPD Classic', carrier: 'DPD', service: 'Classic', cents: 599 }],
  NL: [{ title: 'PostNL Standaard', carrier: 'PostNL', service: 'Standaard', cents: 495 }, { title: 'DHL Paket', carrier: 'DHL', service: 'Paket', cents: 599 }],
};

/** Business orders of 20 lines go by pallet. */
export const FREIGHT: ShippingOption = { title: 'LTL Freight', carrier: 'XPO', service: 'LTL', cents: 14900 };
/** US consumers ship free over $100 (the store's threshold, not a promotion). */
export const FREE_STANDARD: ShippingOption = { title: 'Free Standard Shipping', carrier: 'UPS', service: 'Ground', cents: 0 };
export const FREE_THRESHOLD_CENTS = 10000;

export function shippingOptions(country: string): readonly ShippingOption[] {
  return BY_COUNTRY[country] ?? US;
}

export function tracking(rng: Rng, carrier: string): { trackingNumber: string; trackingUrl: string } {
  switch (carrier) {
    case 'UPS': {
      const n = `1Z${rng.alnum(6)}${rng.digits(10)}`;
      return { trackingNumber: n, trackingUrl: `https://www.ups.com/track?tracknum=${n}` };
    }
    case 'FedEx': {
      const n = rng.digits(12);
      return { trackingNumber: n, trackingUrl: `https://www.fedex.com/fedextrack/?trknbr=${n}` };
    }
    case 'USPS': {
      const n = `9400${rng.digits(18)}`;
      return { trackingNumber: n, trackingUrl: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}` };
    }
    case 'Royal Mail': {
      const n = `${rng.alnum(2)}${rng.digits(9)}GB`;
      return { trackingNumber: n, trackingUrl: `https://www.royalmail.com/track-your-item#/tracking-results/${n}` };
    }
    case 'DHL': {
      const n = rng.digits(10);
      return { trackingNumber: n, trackingUrl: `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}` };
    }
    case 'Canada Post': {
      const n = rng.digits(16);
      return { trackingNumber: n, trackingUrl: `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${n}` };
    }
    default: {
      const n = rng.digits(14);
      const slug = carrier.toLowerCase().replace(/[^a-z]/g, '');
      return { trackingNumber: n, trackingUrl: `https://tracking.example.com/${slug}/${n}` };
    }
  }
}
