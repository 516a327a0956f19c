/** The non-data states every control shares: loading, not linked, unavailable, not configured, sign-in, error + retry. */
import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, PrimaryButton, Spinner, SpinnerSize } from '@fluentui/react';
import type { ControlApi, ControlErrorKind } from '../ControlApi';
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
  signInRequired: { key: 'State_SignInRequired', type: MessageBarType.warning, retry: false },
  forbidden: { key: 'State_Unauthorized', type: MessageBarType.blocked, retry: false },
  timeout: { key: 'State_Error', type: MessageBarType.error, retry: true },
  network: { key: 'State_Error', type: MessageBarType.error, retry: true },
  unknown: { key: 'State_Error', type: MessageBarType.error, retry: true },
};

/** The api's interactive sign-in, when it has one (bound, for a click handler). */
export function signInOf(api: ControlApi): (() => Promise<void>) | undefined {
  const signIn = api.signIn;
  return signIn ? () => signIn.call(api) : undefined;
}

/**
 * `signInRequired` with `onSignIn` shows a "Sign in to Clarity" button: it opens the sign-in pop-up (straight
 * from the click, so the browser allows it) and retries once signed in; a closed or blocked pop-up leaves
 * the button there to try again.
 */
export function ErrorView(props: { kind: ControlErrorKind; strings: StateStrings; onRetry: () => void; onSignIn?: () => Promise<void> }): React.ReactElement {
  const m = MESSAGES[props.kind];
  const [signingIn, setSigningIn] = React.useState(false);
  const { onSignIn, onRetry } = props;
  const signIn = React.useCallback(() => {
    if (!onSignIn) return;
    setSigningIn(true);
    onSignIn().then(
      () => onRetry(),
      () => setSigningIn(false),
    );
  }, [onSignIn, onRetry]);
  return (
    <div className={`clarity-state clarity-state-${props.kind}`} data-state={props.kind}>
      <MessageBar messageBarType={m.type} isMultiline>
        {props.strings[m.key]}
      </MessageBar>
      {props.kind === 'signInRequired' && onSignIn && <PrimaryButton className="clarity-sign-in" text={props.strings.State_SignIn} disabled={signingIn} onClick={signIn} />}
      {m.retry && <DefaultButton className="clarity-retry" text={props.strings.State_Retry} onClick={props.onRetry} />}
    </div>
  );
}
