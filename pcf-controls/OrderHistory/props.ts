/** Context → props for the OrderHistory component. */
import type { IInputs } from './generated/ManifestTypes';
import type { OrderHistoryProps } from './components/OrderHistory';
import { ORDER_HISTORY_STRINGS } from './strings';
import { formProps, wholeInput } from '../shared/context';
import type { ControlRuntime } from '../shared/runtime';

export function propsFromContext(context: ComponentFramework.Context<IInputs>, runtime: ControlRuntime): OrderHistoryProps {
  return { ...formProps(context, runtime.api, ORDER_HISTORY_STRINGS), pageSize: wholeInput(context.parameters.pageSize, 25, 100) };
}
