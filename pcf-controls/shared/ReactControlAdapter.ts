/**
 * The one PCF lifecycle both controls share: build the runtime (proxy client, token provider) at init, turn each
 * context into the view's props at updateView, release the runtime at destroy. Each control's index.ts is a
 * subclass naming its view and its props mapper (pcf-scripts wants exactly one export there).
 */
import * as React from 'react';
import { runtimeInputs } from './context';
import { createControlRuntime, type ControlRuntime } from './runtime';

type RuntimeParameters = Parameters<typeof runtimeInputs>[0];

export abstract class ReactControlAdapter<TInputs extends NonNullable<RuntimeParameters>, TOutputs, TProps extends object>
  implements ComponentFramework.ReactControl<TInputs, TOutputs>
{
  private context: ComponentFramework.Context<TInputs> | null = null;
  private runtime: ControlRuntime | null = null;

  protected abstract readonly view: React.ComponentType<TProps>;
  protected abstract props(context: ComponentFramework.Context<TInputs>, runtime: ControlRuntime): TProps;

  init(context: ComponentFramework.Context<TInputs>): void {
    this.context = context;
    this.runtime = createControlRuntime({
      webAPI: context.webAPI,
      overrides: () => runtimeInputs(this.context?.parameters),
      userId: context.userSettings?.userId,
    });
  }

  updateView(context: ComponentFramework.Context<TInputs>): React.ReactElement {
    this.context = context;
    return React.createElement(this.view, this.props(context, this.runtime!));
  }

  getOutputs(): TOutputs {
    return {} as TOutputs; // the controls never write their host column
  }

  destroy(): void {
    this.runtime?.dispose();
    this.runtime = null;
    this.context = null;
  }
}
