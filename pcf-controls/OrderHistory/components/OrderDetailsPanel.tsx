/** The side panel with one order's lines, shipments (tracking links), payments and returns. */
import * as React from 'react';
import { Link, Panel, PanelType } from '@fluentui/react';
import { errorKindOf, type ControlApi, type ControlErrorKind } from '../../shared/ControlApi';
import { ErrorView, LoadingView, signInOf } from '../../shared/components/StateView';
import type { Formatter } from '../../shared/format';
import { fill } from '../../shared/strings';
import type { OrderDetails, OrderSummary } from '../../shared/types';
import { humanise } from './model';
import type { OrderHistoryStrings } from '../strings';

export interface OrderDetailsPanelProps {
  order: OrderSummary | null;
  api: ControlApi;
  format: Formatter;
  strings: OrderHistoryStrings;
  onDismiss: () => void;
}

type Load = { phase: 'loading' } | { phase: 'ready'; details: OrderDetails } | { phase: 'error'; kind: ControlErrorKind };

export function OrderDetailsPanel({ order, api, format, strings, onDismiss }: OrderDetailsPanelProps): React.ReactElement {
  const [load, setLoad] = React.useState<Load>({ phase: 'loading' });
  const [attempt, setAttempt] = React.useState(0);
  const orderId = order?.orderId;

  React.useEffect(() => {
    if (!orderId) return;
    const controller = new AbortController();
    setLoad({ phase: 'loading' });
    api.getOrder(orderId, controller.signal).then(
      (details) => !controller.signal.aborted && setLoad({ phase: 'ready', details }),
      (err: unknown) => !controller.signal.aborted && setLoad({ phase: 'error', kind: errorKindOf(err) }),
    );
    return () => controller.abort();
  }, [api, orderId, attempt]);

  return (
    <Panel
      isOpen={order !== null}
      onDismiss={onDismiss}
      type={PanelType.medium}
      headerText={order ? fill(strings.Details_Title, order.orderNumber) : ''}
      closeButtonAriaLabel={strings.Details_Close}
      isLightDismiss
    >
      {load.phase === 'loading' && <LoadingView strings={strings} />}
      {load.phase === 'error' && <ErrorView kind={load.kind} strings={strings} onRetry={() => setAttempt((n) => n + 1)} onSignIn={signInOf(api)} />}
      {load.phase === 'ready' && <DetailsBody d={load.details} format={format} strings={strings} />}
    </Panel>
  );
}

function Section(props: { title: string; empty: string; children: React.ReactNode[] }): React.ReactElement {
  return (
    <section className="clarity-details-section">
      <h3>{props.title}</h3>
      {props.children.length === 0 ? <p className="clarity-muted">{props.empty}</p> : <ul>{props.children}</ul>}
    </section>
  );
}

function DetailsBody({ d, format, strings }: { d: OrderDetails; format: Formatter; strings: OrderHistoryStrings }): React.ReactElement {
  const money = (amount: string | null, currency = d.currency) => (amount === null ? '' : format.money(amount, currency));
  return (
    <div className="clarity-details" data-order-id={d.orderId}>
      <p>
        {format.date(d.createdAt)} · {humanise(d.status)} · {money(d.total)}
      </p>
      <Section title={strings.Details_Lines} empty={strings.Details_None}>
        {d.lines.map((l, i) => (
          <li key={`${l.sku}-${i}`} className="clarity-line">
            {l.quantity} × {l.name} ({l.sku}) — {money(l.unitPrice)} = {money(l.lineTotal)}
          </li>
        ))}
      </Section>
      <Section title={strings.Details_Shipments} empty={strings.Details_None}>
        {d.shipments.map((s, i) => (
          <li key={s.shipmentId ?? i} className="clarity-shipment">
            {[s.carrier, humanise(s.status)].filter(Boolean).join(' · ')}{' '}
            {s.trackingUrl ? (
              <Link href={s.trackingUrl} target="_blank" rel="noopener noreferrer">
                {fill(strings.Details_Track, s.trackingNumber ?? '')}
              </Link>
            ) : (
              s.trackingNumber
            )}
          </li>
        ))}
      </Section>
      <Section title={strings.Details_Payments} empty={strings.Details_None}>
        {d.payments.map((p, i) => (
          <li key={p.paymentId ?? i} className="clarity-payment">
            {humanise(p.method)} · {money(p.amount, p.currency ?? d.currency)} · {humanise(p.status)}
          </li>
        ))}
      </Section>
      <Section title={strings.Details_Returns} empty={strings.Details_None}>
        {d.returns.map((r) => (
          <li key={r.returnId} className="clarity-return">
            {r.returnNumber ?? r.returnId} · {humanise(r.status)}
            {r.reason ? ` · ${r.reason}` : ''}
            {r.refundAmount ? ` · ${money(r.refundAmount, r.currency)}` : ''}
          </li>
        ))}
      </Section>
    </div>
  );
}
