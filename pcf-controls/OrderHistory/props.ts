/** Context → props for the OrderHistory component. */
import type { IInputs } from './generated/ManifestTypes';
import type { OrderHistoryProps } from './components/OrderHistory';
import { ORDER_HISTORY_STRINGS } from './strings';
import { formatterFromContext, recordFromContext, stringsFromContext, wholeInput } from '../shared/context';
import type { ControlRuntime } from '../shared/runtime';

export function propsFromContext(context: ComponentFramework.Context<IInputs>, runtime: ControlRuntime): OrderHistoryProps {
  const { entity, recordId } = recordFromContext(context, 'contact');
  return {
    entity,
    recordId,
    api: runtime.api,
    format: formatterFromContext(context),
    strings: stringsFromContext(context, ORDER_HISTORY_STRINGS),
    disabled: context.mode.isControlDisabled,
    pageSize: wholeInput(context.parameters.pageSize, 25, 100),
  };
}
