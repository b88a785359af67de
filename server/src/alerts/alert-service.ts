import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  AlertCreateRequestSchema,
  AlertIdSchema,
  AlertSeenRequestSchema,
  AlertUpdateRequestSchema,
  AlertWebhookRequestSchema,
} from '../../../shared/alert-schemas.ts';
import {
  ALERT_HISTORY_LIMIT,
  MAX_COOLDOWN_SECONDS,
  MIN_COOLDOWN_SECONDS,
  describeAlert,
  type Alert,
  type AlertCreateRequest,
  type AlertList,
  type AlertSeenRequest,
  type AlertUpdateRequest,
  type AlertWebhook,
} from '../../../shared/alerts.ts';
import { formatPrice } from '../../../shared/format.ts';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { AppError } from '../kernel/errors.ts';
import { parsePayload } from '../kernel/validation.ts';
import type { MarketService } from '../market/market-service.ts';
import type { AlertNotifier } from './alert-ports.ts';
import { alertOf, type AlertRecord } from './alert-records.ts';
import {
  countUnseen,
  deleteAlert,
  insertAlert,
  listAlerts,
  listHistory,
  markSeen,
  updateAlert,
  type AlertEdit,
} from './alert-repository.ts';
import { deleteWebhook, findWebhook, saveWebhook } from './webhook/webhook-repository.ts';
import { checkWebhookUrl } from './webhook/webhook-url.ts';

export interface AlertServiceDeps {
  db: Kysely<Database>;
  market: MarketService;
  clock: Clock;
  notify: AlertNotifier;
  /** This instance's own writes, for its watcher at once (the others hear through their change feed). */
  onWritten(record: AlertRecord): void;
  /** Alerts one user may have set, active or paused (ALERTS_MAX_PER_USER). */
  maxPerUser: number;
  /** Webhooks may target private and loopback addresses (ALERT_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivateWebhooks: boolean;
}

const notFound = () => new AppError('NOT_FOUND', 'No such alert');

/** A repeating alert fires at most once a candle unless told otherwise, and never more than once a minute. */
export const defaultCooldownSeconds = (timeframe: Timeframe) =>
  Math.min(MAX_COOLDOWN_SECONDS, Math.max(MIN_COOLDOWN_SECONDS, TIMEFRAME_MS[timeframe] / 1000));

/**
 * A user's alerts, for the socket, HTTP and the chat alike: `create`, `update`, `remove`, `list`,
 * `markSeen`, and the webhook. The user id always comes from the verified session (the caller's);
 * every read and write is filtered by it, and someone else's alert is NOT_FOUND like one that does
 * not exist. Every request is validated here, whoever sends it.
 */
export class AlertService {
  constructor(private readonly deps: AlertServiceDeps) {}

  async create(userId: string, request: AlertCreateRequest): Promise<Alert> {
    const req = parsePayload(AlertCreateRequestSchema, request);
    this.deps.market.assertStream(req.symbol, req.timeframe);
    if (req.cooldownSeconds !== undefined && !req.repeat)
      throw new AppError('INVALID_PAYLOAD', 'cooldownSeconds is for repeating alerts: add repeat: true');
    const record = await insertAlert(
      this.deps.db,
      userId,
      {
        symbol: req.symbol,
        timeframe: req.timeframe,
        condition: req.condition,
        repeat: req.repeat ?? false,
        cooldownSeconds: req.cooldownSeconds ?? defaultCooldownSeconds(req.timeframe),
        note: req.note || null,
      },
      this.deps.maxPerUser,
      new Date(this.deps.clock()),
    );
    if (record === 'limit') throw this.limitReached();
    return this.written(record);
  }

  /** Changes what is given; `active` pauses (false), resumes or re-arms a done alert (true). */
  async update(userId: string, request: AlertUpdateRequest): Promise<Alert> {
    const req = parsePayload(AlertUpdateRequestSchema, request);
    const edit = (current: AlertRecord): AlertEdit => {
      const values = {
        symbol: req.symbol ?? current.symbol,
        timeframe: req.timeframe ?? current.timeframe,
        condition: req.condition ?? current.condition,
        repeat: req.repeat ?? current.repeat,
        cooldownSeconds: req.cooldownSeconds ?? current.cooldownSeconds,
        note: req.note === undefined ? current.note : req.note || null,
      };
      if (values.symbol !== current.symbol || values.timeframe !== current.timeframe)
        this.deps.market.assertStream(values.symbol, values.timeframe);
      const state = current.state === 'deleted' ? 'done' : current.state;
      if (req.active === undefined) return { values, state };
      return { values, state: req.active ? 'active' : state === 'done' ? 'done' : 'paused' };
    };
    const record = await updateAlert(
      this.deps.db,
      userId,
      req.id,
      edit,
      this.deps.maxPerUser,
      new Date(this.deps.clock()),
    );
    if (record === undefined) throw notFound();
    if (record === 'limit') throw this.limitReached();
    return this.written(record);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!AlertIdSchema.safeParse(id).success) throw notFound();
    const record = await deleteAlert(this.deps.db, userId, id, new Date(this.deps.clock()));
    if (!record) throw notFound();
    this.deps.onWritten(record);
    this.deps.notify.deleted(userId, { id });
  }

  async list(userId: string): Promise<AlertList> {
    const { db } = this.deps;
    const alerts = await listAlerts(db, userId);
    const history = await listHistory(db, userId, ALERT_HISTORY_LIMIT);
    return { alerts: alerts.map(alertOf), history, unseen: await countUnseen(db, userId) };
  }

  /** Marks triggers seen (all of them without `ids`) and tells the user's other tabs. */
  async markSeen(userId: string, request: AlertSeenRequest): Promise<{ unseen: number }> {
    const { ids } = parsePayload(AlertSeenRequestSchema, request ?? {});
    const unseen = await markSeen(this.deps.db, userId, ids, new Date(this.deps.clock()));
    this.deps.notify.seen(userId, ids ? { ids, unseen } : { unseen });
    return { unseen };
  }

  async webhook(userId: string): Promise<AlertWebhook | null> {
    return (await findWebhook(this.deps.db, userId)) ?? null;
  }

  /** Sets the user's webhook with a new signing secret, once its URL checks out. */
  async setWebhook(userId: string, request: { url: string }): Promise<AlertWebhook> {
    const { url } = parsePayload(AlertWebhookRequestSchema, request);
    const checked = await checkWebhookUrl(url, this.deps.allowPrivateWebhooks);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    return saveWebhook(this.deps.db, userId, checked.href, secret, new Date(this.deps.clock()));
  }

  async removeWebhook(userId: string): Promise<void> {
    if (!(await deleteWebhook(this.deps.db, userId))) throw new AppError('NOT_FOUND', 'No webhook is set');
  }

  /** "BTC/USDT 1m: price crosses above 51,000.00", prices at the symbol's precision. */
  describe(alert: Pick<Alert, 'symbol' | 'timeframe' | 'condition'>): string {
    const precision = this.deps.market.symbols().find((s) => s.symbol === alert.symbol)?.pricePrecision;
    return describeAlert(alert, precision === undefined ? undefined : (v) => formatPrice(v, precision));
  }

  private written(record: AlertRecord): Alert {
    this.deps.onWritten(record);
    const alert = alertOf(record);
    this.deps.notify.changed(record.userId, { alert });
    return alert;
  }

  private limitReached(): AppError {
    const max = this.deps.maxPerUser;
    return new AppError(
      'ALERT_LIMIT',
      `You have ${max} alerts set (active or paused), the most one account may have; delete some to add more`,
    );
  }
}
