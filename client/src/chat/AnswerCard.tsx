import type { ChatMessage } from '../../../shared/chat.ts';
import { useStore } from 'zustand';
import { useAppStore } from '../store/index.ts';
import { useActiveStore } from '../workspace/app-workspace.ts';
import { commonAsOf, formatAsOf, formatStaleSince } from './chat-text.ts';
import { AnswerTable } from './AnswerTable.tsx';
import { Sparkline } from './Sparkline.tsx';

interface Props {
  message: ChatMessage;
  now: number;
  /** Only the newest answer offers follow-up questions; older ones would be out of date. */
  withSuggestions: boolean;
}

/** An assistant message: its text, then the figures it is built from, a mini chart and follow-ups. */
export function AnswerCard({ message, now, withSuggestions }: Props) {
  // "Open chart" acts on the active chart of the layout, as the header does.
  const chart = useActiveStore();
  const selectStream = useStore(chart, (state) => state.selectStream);
  const sendChat = useAppStore((state) => state.sendChat);
  const sending = useAppStore((state) => state.pendingQuestion !== null);
  const shownSymbol = useStore(chart, (state) => state.symbol);
  const shownTimeframe = useStore(chart, (state) => state.timeframe);
  const payload = message.payload;
  const figures = payload?.figures ?? [];
  const sharedAsOf = commonAsOf(figures);

  return (
    <article
      className="chat-answer"
      data-testid="chat-answer"
      data-intent={payload?.intent}
      data-refusal={payload?.refusal?.kind}
    >
      <p className="chat-answer__text" data-testid="chat-answer-text">
        {message.text}
      </p>
      {figures.length > 0 ? (
        <dl className="chat-figures">
          {figures.map((figure, i) => (
            <div key={`${figure.label}-${i}`} className="chat-figure" data-tone={figure.tone ?? 'neutral'}>
              <dt>{figure.label}</dt>
              <dd data-testid="chat-figure-value">{figure.value}</dd>
              {sharedAsOf === null ? (
                <dd className="chat-figure__as-of">{formatAsOf(figure.asOf, now)}</dd>
              ) : null}
            </div>
          ))}
        </dl>
      ) : null}
      {payload?.table ? <AnswerTable table={payload.table} /> : null}
      {payload?.sparkline ? <Sparkline series={payload.sparkline} /> : null}
      {sharedAsOf !== null || payload?.chart || payload?.staleSince !== undefined ? (
        <div className="chat-answer__footer">
          {sharedAsOf !== null ? (
            <span className="chat-answer__as-of" data-testid="chat-as-of">
              {formatAsOf(sharedAsOf, now)}
              {payload?.staleSince !== undefined ? (
                <span className="chat-answer__stale" data-testid="chat-stale">
                  {' · '}
                  {formatStaleSince(payload.staleSince, now)}
                </span>
              ) : null}
            </span>
          ) : payload?.staleSince !== undefined ? (
            <span className="chat-answer__stale" data-testid="chat-stale">
              {formatStaleSince(payload.staleSince, now)}
            </span>
          ) : (
            <span />
          )}
          {payload?.chart ? (
            payload.chart.symbol === shownSymbol && payload.chart.timeframe === shownTimeframe ? (
              <span className="chat-answer__on-chart" data-testid="on-chart">
                On the chart: {payload.chart.symbol} · {payload.chart.timeframe}
              </span>
            ) : (
              <button
                type="button"
                className="chat-secondary-button"
                data-testid="open-chart"
                onClick={() => payload.chart && selectStream(payload.chart)}
              >
                Open chart {payload.chart.symbol} · {payload.chart.timeframe}
              </button>
            )
          ) : null}
        </div>
      ) : null}
      {withSuggestions && payload?.suggestions?.length ? (
        <div className="chat-suggestions" role="group" aria-label="Suggested questions">
          {payload.suggestions.map((suggestion) => (
            <button
              key={suggestion}
              type="button"
              className="chat-chip"
              disabled={sending}
              onClick={() => void sendChat(suggestion)}
            >
              {suggestion}
            </button>
          ))}
        </div>
      ) : null}
    </article>
  );
}
