/** Clarity order history of a contact or account: pure React, data through the ControlApi it is given. */
import * as React from 'react';
import {
  DefaultButton,
  DetailsList,
  DetailsListLayoutMode,
  Dropdown,
  Link,
  SelectionMode,
  Spinner,
  SpinnerSize,
  TextField,
  type IColumn,
  type IDropdownOption,
} from '@fluentui/react';
import { errorKindOf, type ControlApi, type ControlErrorKind } from '../../shared/ControlApi';
import { ErrorView, LoadingView, signInOf } from '../../shared/components/StateView';
import type { Formatter } from '../../shared/format';
import { fill } from '../../shared/strings';
import { ORDER_STATUSES, type EntityName, type OrderSummary } from '../../shared/types';
import type { OrderHistoryStrings } from '../strings';
import { buildQuery, DEFAULT_SORT, humanise, NO_FILTERS, sortRows, statusTone, type Filters, type SortKey, type SortState } from './model';
import { OrderDetailsPanel } from './OrderDetailsPanel';

export interface OrderHistoryProps {
  entity: EntityName;
  /** The Dataverse record id; null while the record is not saved yet. */
  recordId: string | null;
  api: ControlApi;
  format: Formatter;
  strings: OrderHistoryStrings;
  /** The form is read-only: filters and sorting are locked, rows and details stay viewable. */
  disabled?: boolean;
  pageSize?: number;
}

type Phase = { phase: 'loading' } | { phase: 'ready' } | { phase: 'error'; kind: ControlErrorKind };

export function OrderHistory(props: OrderHistoryProps): React.ReactElement {
  const { entity, recordId, api, format, strings, disabled = false, pageSize = 25 } = props;
  const [filters, setFilters] = React.useState<Filters>(NO_FILTERS);
  const [sort, setSort] = React.useState<SortState>(DEFAULT_SORT);
  const [rows, setRows] = React.useState<OrderSummary[]>([]);
  const [cursor, setCursor] = React.useState<string | null>(null);
  const [state, setState] = React.useState<Phase>({ phase: 'loading' });
  const [moreError, setMoreError] = React.useState<ControlErrorKind | null>(null);
  const [loadingMore, setLoadingMore] = React.useState(false);
  const [attempt, setAttempt] = React.useState(0);
  const [selected, setSelected] = React.useState<OrderSummary | null>(null);
  const pending = React.useRef<AbortController | null>(null);

  // Only a date sort changes what the server returns; a sort by total re-sorts the loaded rows.
  const serverSort = sort.key === 'createdAt' && !sort.descending ? 'asc' : 'desc';

  React.useEffect(() => {
    if (!recordId) return;
    const controller = new AbortController();
    pending.current?.abort();
    pending.current = controller;
    setState({ phase: 'loading' });
    setRows([]);
    setCursor(null);
    setMoreError(null);
    setLoadingMore(false); // a "load more" still in flight was aborted above and will not reset it
    api.listOrders(entity, recordId, buildQuery(filters, sort, pageSize), controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setRows(page.orders);
        setCursor(page.nextCursor);
        setState({ phase: 'ready' });
      },
      (err: unknown) => !controller.signal.aborted && setState({ phase: 'error', kind: errorKindOf(err) }),
    );
    return () => controller.abort();
    // `sort` matters here only through serverSort (a sort by total does not refetch).
  }, [api, entity, recordId, filters, serverSort, pageSize, attempt]);

  const loadMore = React.useCallback(() => {
    if (!recordId || !cursor || loadingMore) return;
    const controller = new AbortController();
    pending.current = controller;
    setLoadingMore(true);
    setMoreError(null);
    api.listOrders(entity, recordId, buildQuery(filters, sort, pageSize, cursor), controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setRows((prev) => [...prev, ...page.orders]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setMoreError(errorKindOf(err));
        setLoadingMore(false);
      },
    );
  }, [api, entity, recordId, filters, sort, pageSize, cursor, loadingMore]);

  React.useEffect(() => () => pending.current?.abort(), []);

  const onColumnClick = React.useCallback(
    (_: unknown, column: IColumn) => {
      if (disabled) return;
      const key = column.key as SortKey;
      setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: true }));
    },
    [disabled],
  );

  const visible = React.useMemo(() => sortRows(rows, sort), [rows, sort]);
  const columns = React.useMemo(() => makeColumns(strings, format, sort, disabled, onColumnClick, setSelected), [strings, format, sort, disabled, onColumnClick]);
  const statusOptions = React.useMemo<IDropdownOption[]>(
    () => [{ key: '', text: strings.Filter_AllStatuses }, ...ORDER_STATUSES.map((s) => ({ key: s, text: strings[`Status_${s}`] }))],
    [strings],
  );

  if (!recordId) return <div className="clarity-order-history clarity-muted">{strings.State_NoRecord}</div>;

  return (
    <div className={`clarity-order-history${disabled ? ' clarity-readonly' : ''}`} data-entity={entity}>
      <div className="clarity-filters" role="search">
        <Dropdown
          label={strings.Filter_Status}
          options={statusOptions}
          selectedKey={filters.status}
          disabled={disabled}
          onChange={(_, o) => setFilters((f) => ({ ...f, status: String(o?.key ?? '') }))}
        />
        <TextField label={strings.Filter_From} type="date" value={filters.from} disabled={disabled} onChange={(_, v) => setFilters((f) => ({ ...f, from: v ?? '' }))} />
        <TextField label={strings.Filter_To} type="date" value={filters.to} disabled={disabled} onChange={(_, v) => setFilters((f) => ({ ...f, to: v ?? '' }))} />
        {(filters.status || filters.from || filters.to) && !disabled && <DefaultButton text={strings.Filter_Clear} onClick={() => setFilters(NO_FILTERS)} />}
        {disabled && <span className="clarity-readonly-label">{strings.ReadOnly}</span>}
      </div>
      {state.phase === 'loading' && <LoadingView strings={strings} />}
      {state.phase === 'error' && <ErrorView kind={state.kind} strings={strings} onRetry={() => setAttempt((n) => n + 1)} onSignIn={signInOf(api)} />}
      {state.phase === 'ready' && rows.length === 0 && <p className="clarity-empty">{strings.List_Empty}</p>}
      {state.phase === 'ready' && rows.length > 0 && (
        <>
          <div className="clarity-grid" data-is-scrollable="true">
            <DetailsList
              items={visible}
              columns={columns}
              getKey={(o: OrderSummary) => o.orderId}
              setKey="orders"
              selectionMode={SelectionMode.none}
              layoutMode={DetailsListLayoutMode.justified}
              onItemInvoked={(o: OrderSummary) => setSelected(o)}
              // Scrolling 1,000 orders: rendered pages are kept, and a row re-renders only when its props change.
              usePageCache
              useReducedRowRenderer
              ariaLabelForGrid={strings.OrderHistory_Name}
            />
          </div>
          <div className="clarity-footer">
            <span className="clarity-muted">{fill(strings.List_Count, visible.length)}</span>
            {loadingMore && <Spinner size={SpinnerSize.small} />}
            {cursor && !loadingMore && <DefaultButton text={strings.List_LoadMore} onClick={loadMore} />}
          </div>
          {moreError && <ErrorView kind={moreError} strings={strings} onRetry={loadMore} onSignIn={signInOf(api)} />}
        </>
      )}
      <OrderDetailsPanel order={selected} api={api} format={format} strings={strings} onDismiss={() => setSelected(null)} />
    </div>
  );
}

function makeColumns(
  strings: OrderHistoryStrings,
  format: Formatter,
  sort: SortState,
  disabled: boolean,
  onColumnClick: (ev: unknown, column: IColumn) => void,
  open: (o: OrderSummary) => void,
): IColumn[] {
  const sortable = (key: SortKey) => ({
    isSorted: sort.key === key,
    isSortedDescending: sort.key === key && sort.descending,
    onColumnClick: disabled ? undefined : onColumnClick,
  });
  return [
    {
      key: 'orderNumber', name: strings.Col_Order, minWidth: 90, maxWidth: 140,
      onRender: (o: OrderSummary) => <Link onClick={() => open(o)}>{o.orderNumber}</Link>,
    },
    { key: 'createdAt', name: strings.Col_Date, minWidth: 90, maxWidth: 130, ...sortable('createdAt'), onRender: (o: OrderSummary) => format.date(o.createdAt) },
    {
      key: 'status', name: strings.Col_Status, minWidth: 90, maxWidth: 140,
      onRender: (o: OrderSummary) => (
        <span className={`clarity-badge clarity-badge-${statusTone(o.status)}`} data-status={o.status}>
          {(strings as Record<string, string>)[`Status_${o.status}`] ?? humanise(o.status)}
        </span>
      ),
    },
    { key: 'itemCount', name: strings.Col_Items, minWidth: 40, maxWidth: 60, onRender: (o: OrderSummary) => format.integer(o.itemCount) },
    {
      key: 'total', name: strings.Col_Total, minWidth: 80, maxWidth: 120, ...sortable('total'),
      onRender: (o: OrderSummary) => <span className="clarity-money">{format.money(o.total, o.currency)}</span>,
    },
  ];
}
