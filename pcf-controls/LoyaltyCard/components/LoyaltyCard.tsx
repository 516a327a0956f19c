/** Compact loyalty card for a form's side column: balance, tier, progress to the next tier, latest entries. */
import * as React from 'react';
import { ProgressIndicator } from '@fluentui/react';
import { errorKindOf, type ControlApi, type ControlErrorKind } from '../../shared/ControlApi';
import { ErrorView, LoadingView, signInOf } from '../../shared/components/StateView';
import type { Formatter } from '../../shared/format';
import { fill } from '../../shared/strings';
import type { EntityName, LoyaltySummary } from '../../shared/types';
import type { LoyaltyCardStrings } from '../strings';
import { latest, progressValue, signed, tierLabel } from './model';

export interface LoyaltyCardProps {
  entity: EntityName;
  /** The contact id; null while the record is not saved yet. */
  recordId: string | null;
  api: ControlApi;
  format: Formatter;
  strings: LoyaltyCardStrings;
  /** Read-only form: the card is display-only anyway; it is dimmed and the retry button stays available. */
  disabled?: boolean;
  recentCount?: number;
}

type Load = { phase: 'loading' } | { phase: 'ready'; data: LoyaltySummary } | { phase: 'error'; kind: ControlErrorKind };

export function LoyaltyCard({ entity, recordId, api, format, strings, disabled = false, recentCount = 5 }: LoyaltyCardProps): React.ReactElement {
  const [load, setLoad] = React.useState<Load>({ phase: 'loading' });
  const [attempt, setAttempt] = React.useState(0);

  React.useEffect(() => {
    if (!recordId || entity !== 'contact') return;
    const controller = new AbortController();
    setLoad({ phase: 'loading' });
    api.getLoyalty(recordId, controller.signal).then(
      (data) => !controller.signal.aborted && setLoad({ phase: 'ready', data }),
      (err: unknown) => !controller.signal.aborted && setLoad({ phase: 'error', kind: errorKindOf(err) }),
    );
    return () => controller.abort();
  }, [api, entity, recordId, attempt]);

  const className = `clarity-loyalty-card${disabled ? ' clarity-readonly' : ''}`;
  if (entity !== 'contact') return <div className={className}>{strings.Loyalty_ContactOnly}</div>;
  if (!recordId) return <div className={className}>{strings.State_NoRecord}</div>;
  if (load.phase === 'loading') return <div className={className}><LoadingView strings={strings} compact /></div>;
  if (load.phase === 'error') {
    return <div className={className}><ErrorView kind={load.kind} strings={strings} onRetry={() => setAttempt((n) => n + 1)} onSignIn={signInOf(api)} /></div>;
  }

  const d = load.data;
  const labels = strings as Readonly<Record<string, string>>;
  const caption = d.nextTier ? fill(strings.Loyalty_ToNextTier, format.integer(d.pointsToNextTier ?? 0), tierLabel(d.nextTier, labels)) : strings.Loyalty_TopTier;
  const entries = latest(d.recent, recentCount);
  return (
    <div className={className}>
      <div className="clarity-loyalty-head">
        <div>
          <div className="clarity-loyalty-label">{strings.Loyalty_Balance}</div>
          <div className="clarity-loyalty-balance" data-testid="loyalty-balance">{format.integer(d.balance ?? 0)}</div>
        </div>
        {d.tier && <span className={`clarity-tier clarity-tier-${d.tier}`} title={strings.Loyalty_Tier}>{tierLabel(d.tier, labels)}</span>}
      </div>
      <ProgressIndicator percentComplete={progressValue(d)} description={caption} ariaValueText={caption} />
      <div className="clarity-loyalty-label">{strings.Loyalty_Recent}</div>
      {entries.length === 0 ? (
        <p className="clarity-muted">{strings.Loyalty_NoTransactions}</p>
      ) : (
        <ul className="clarity-loyalty-recent">
          {entries.map((t) => (
            <li key={t.transactionId}>
              <span className={t.pointsChange >= 0 ? 'clarity-points-up' : 'clarity-points-down'}>{signed(t.pointsChange, format.integer)}</span>
              <span className="clarity-loyalty-what">{t.description ?? t.reason}</span>
              <span className="clarity-muted">{format.date(t.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
