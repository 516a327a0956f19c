/** PCF entry point of LoyaltyCard: the shared lifecycle (shared/ReactControlAdapter.ts) with this control's view and props. */
import type { IInputs, IOutputs } from './generated/ManifestTypes';
import { LoyaltyCard as LoyaltyCardView, type LoyaltyCardProps } from './components/LoyaltyCard';
import { propsFromContext } from './props';
import { ReactControlAdapter } from '../shared/ReactControlAdapter';
import type { ControlRuntime } from '../shared/runtime';

export class LoyaltyCard extends ReactControlAdapter<IInputs, IOutputs, LoyaltyCardProps> {
  protected readonly view = LoyaltyCardView;
  protected props(context: ComponentFramework.Context<IInputs>, runtime: ControlRuntime): LoyaltyCardProps {
    return propsFromContext(context, runtime);
  }
}
