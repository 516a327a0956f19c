/** Localised strings: each control declares English defaults; index.ts looks every key up in the resx. */

export type StringTable<K extends string> = Readonly<Record<K, string>>;

/**
 * `context.resources.getString` returns the key itself (or an empty string) when a resx lacks it; fall back to
 * the English default then, so a missing translation never shows a raw key.
 */
export function localize<K extends string>(defaults: StringTable<K>, getString: ((key: string) => string) | undefined): StringTable<K> {
  if (!getString) return defaults;
  const out = {} as Record<K, string>;
  for (const key of Object.keys(defaults) as K[]) {
    const value = getString(key);
    out[key] = value && value !== key ? value : defaults[key];
  }
  return out;
}

/** `{0}`-style placeholders, as resx strings use. */
export function fill(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/** Strings every control shows for the shared states. */
export const STATE_STRINGS = {
  State_Loading: 'Loading…',
  State_Error: 'Something went wrong while loading Clarity data.',
  State_Retry: 'Retry',
  State_NotLinked: 'This record is not linked to Clarity yet.',
  State_Unavailable: 'Clarity is unavailable right now. Try again in a few minutes.',
  State_NotConfigured: 'The Clarity connector is not configured for this environment.',
  State_Unauthorized: 'You are not signed in to the Clarity connector, or you lack access.',
  State_SignInRequired: 'Sign in to Clarity to see this data.',
  State_SignIn: 'Sign in to Clarity',
  State_NoRecord: 'Save the record to see its Clarity data.',
} as const;
export type StateStringKey = keyof typeof STATE_STRINGS;
