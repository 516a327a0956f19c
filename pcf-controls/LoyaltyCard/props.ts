/** Context → props for the LoyaltyCard component. */
import type { IInputs } from './generated/ManifestTypes';
import type { LoyaltyCardProps } from './components/LoyaltyCard';
import { LOYALTY_CARD_STRINGS } from './strings';
import { formProps, wholeInput } from '../shared/context';
import type { ControlRuntime } from '../shared/runtime';

export function propsFromContext(context: ComponentFramework.Context<IInputs>, runtime: ControlRuntime): LoyaltyCardProps {
  return { ...formProps(context, runtime.api, LOYALTY_CARD_STRINGS), recentCount: wholeInput(context.parameters.recentCount, 5, 20) };
}
