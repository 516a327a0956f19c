/** Context → props for the LoyaltyCard component. */
import type { IInputs } from './generated/ManifestTypes';
import type { LoyaltyCardProps } from './components/LoyaltyCard';
import { LOYALTY_CARD_STRINGS } from './strings';
import { formatterFromContext, recordFromContext, stringsFromContext, wholeInput } from '../shared/context';
import type { ControlRuntime } from '../shared/runtime';

export function propsFromContext(context: ComponentFramework.Context<IInputs>, runtime: ControlRuntime): LoyaltyCardProps {
  const { entity, recordId } = recordFromContext(context, 'contact');
  return {
    entity,
    recordId,
    api: runtime.api,
    format: formatterFromContext(context),
    strings: stringsFromContext(context, LOYALTY_CARD_STRINGS),
    disabled: context.mode.isControlDisabled,
    recentCount: wholeInput(context.parameters.recentCount, 5, 20),
  };
}
