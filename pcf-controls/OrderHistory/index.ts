/** PCF entry point of OrderHistory: the shared lifecycle (shared/ReactControlAdapter.ts) with this control's view and props. */
import type { IInputs, IOutputs } from './generated/ManifestTypes';
import { OrderHistory as OrderHistoryView, type OrderHistoryProps } from './components/OrderHistory';
import { propsFromContext } from './props';
import { ReactControlAdapter } from '../shared/ReactControlAdapter';
import type { ControlRuntime } from '../shared/runtime';

export class OrderHistory extends ReactControlAdapter<IInputs, IOutputs, OrderHistoryProps> {
  protected readonly view = OrderHistoryView;
  protected props(context: ComponentFramework.Context<IInputs>, runtime: ControlRuntime): OrderHistoryProps {
    return propsFromContext(context, runtime);
  }
}
