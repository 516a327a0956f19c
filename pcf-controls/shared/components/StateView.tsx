/** The non-data states every control shares: loading, not linked, unavailable, not configured, error + retry. */
import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize } from '@fluentui/react';
import type { ControlErrorKind } from '../ControlApi';
import type { STATE_STRINGS } from '../strings';

type StateStrings = Readonly<Record<keyof typeof STATE_STRINGS, string>>;

export function LoadingView(props: { strings: StateStrings; compact?: boolean }): React.ReactElement {
  return <Spinner className="clarity-loading" size={props.compact ? SpinnerSize.small : SpinnerSize.medium} label={props.strings.State_Loading} />;
}

const MESSAGES: Record<ControlErrorKind, { key: keyof StateStrings; type: MessageBarType; retry: boolean }> = {
  notLinked: { key: 'State_NotLinked', type: MessageBarType.info, retry: false },
  unavailable: { key: 'State_Unavailable', type: MessageBarType.warning, retry: true },
  notConfigured: { key: 'State_NotConfigured', type: MessageBarType.warning, retry: false },
  unauthorized: { key: 'State_Unauthorized', type: MessageBarType.blocked, retry: true },
  forbidden: { key: 'State_Unauthorized', type: MessageBarType.blocked, retry: false },
  timeout: { key: 'State_Error', type: MessageBarType.error, retry: true },
  network: { key: 'State_Error', type: MessageBarType.error, retry: true },
  unknown: { key: 'State_Error', type: MessageBarType.error, retry: true },
};

export function ErrorView(props: { kind: ControlErrorKind; strings: StateStrings; onRetry: () => void }): React.ReactElement {
  const m = MESSAGES[props.kind];
  return (
    <div className={`clarity-state clarity-state-${props.kind}`} data-state={props.kind}>
      <MessageBar messageBarType={m.type} isMultiline>
        {props.strings[m.key]}
      </MessageBar>
      {m.retry && <DefaultButton className="clarity-retry" text={props.strings.State_Retry} onClick={props.onRetry} />}
    </div>
  );
}
