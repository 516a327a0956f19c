import { STATE_STRINGS } from '../shared/strings';

/** English defaults; every key also lives in strings/LoyaltyCard.1033.resx (a test checks). */
export const LOYALTY_CARD_STRINGS = {
  ...STATE_STRINGS,
  LoyaltyCard_Name: 'Clarity loyalty card',
  LoyaltyCard_Desc: 'Loyalty points balance, tier and latest transactions from Clarity eCommerce',
  Loyalty_Balance: 'Points balance',
  Loyalty_Tier: 'Tier',
  Loyalty_ToNextTier: '{0} points to {1}',
  Loyalty_TopTier: 'Top tier reached',
  Loyalty_Recent: 'Latest transactions',
  Loyalty_NoTransactions: 'No transactions yet.',
  Loyalty_ContactOnly: 'Loyalty points belong to contacts; open a contact to see them.',
  Tier_bronze: 'Bronze',
  Tier_silver: 'Silver',
  Tier_gold: 'Gold',
  Tier_platinum: 'Platinum',
} as const;

export type LoyaltyCardStrings = Readonly<Record<keyof typeof LOYALTY_CARD_STRINGS, string>>;
