/** PCF adapter: turns the platform context into LoyaltyCard props (props.ts). pcf-scripts allows one export here. */
import * as React from 'react';
import type { IInputs, IOutputs } from './generated/ManifestTypes';
import { LoyaltyCard as LoyaltyCardView } from './components/LoyaltyCard';
import { propsFromContext } from './props';
import { runtimeInputs } from '../shared/context';
import { createControlRuntime, type ControlRuntime } from '../shared/runtime';

export class LoyaltyCard implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private context: ComponentFramework.Context<IInputs> | null = null;
  private runtime: ControlRuntime | null = null;

  init(context: ComponentFramework.Context<IInputs>): void {
    this.context = context;
    this.runtime = createControlRuntime({
      webAPI: context.webAPI,
      overrides: () => runtimeInputs(this.context?.parameters),
      userId: context.userSettings?.userId,
    });
  }

  updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    this.context = context;
    return React.createElement(LoyaltyCardView, propsFromContext(context, this.runtime!));
  }

  getOutputs(): IOutputs {
    return {};
  }

  destroy(): void {
    this.runtime?.dispose();
    this.runtime = null;
    this.context = null;
  }
}
