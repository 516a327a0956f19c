/** Locale-aware formatting, behind a small interface so components never touch the PCF context. */

export interface Formatter {
  /** A short date in the user's locale. */
  date(iso: string): string;
  /** An amount (decimal string from the proxy) in the given ISO currency. */
  money(amount: string | number, currency: string): string;
  integer(n: number): string;
}

/** Dynamics user languages are LCIDs; Intl wants BCP 47 tags. Unknown ones fall back to en-US. */
const LCID_TO_LOCALE: Record<number, string> = {
  1025: 'ar-SA', 1029: 'cs-CZ', 1030: 'da-DK', 1031: 'de-DE', 1033: 'en-US', 1034: 'es-ES', 1035: 'fi-FI', 1036: 'fr-FR',
  1040: 'it-IT', 1041: 'ja-JP', 1043: 'nl-NL', 1044: 'nb-NO', 1045: 'pl-PL', 1046: 'pt-BR', 1053: 'sv-SE', 2057: 'en-GB',
  2070: 'pt-PT', 3082: 'es-ES', 3084: 'fr-CA', 2052: 'zh-CN', 1042: 'ko-KR',
};

export function localeFromLcid(lcid: number | undefined): string {
  return (lcid !== undefined && LCID_TO_LOCALE[lcid]) || 'en-US';
}

export function intlFormatter(locale: string, timeZone?: string): Formatter {
  const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone });
  const intFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return {
    date: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
    },
    money: (amount, currency) => formatMoney(locale, amount, currency),
    integer: (n) => intFmt.format(n),
  };
}

export function formatMoney(locale: string, amount: string | number, currency: string): string {
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
  } catch {
    // An unknown currency code: show the number and the code rather than nothing.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)} ${currency}`;
  }
}
