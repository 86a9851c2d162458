/**
 * The Events service (ONVIF Events 9.1, pull-point): subscriptions with a termination time, a bounded
 * queue each, PullMessages that waits up to its timeout for something to say, Renew, Unsubscribe.
 * A reboot drops every subscription, as real cameras do.
 */
import { randomUUID } from 'node:crypto';
import type { Handler } from './device.js';
import { fault, isoTime, parseDuration, parseTermination } from './soap.js';
import { text } from '@cctv/safe-xml';

export type Topic = 'tns1:VideoSource/MotionAlarm' | 'tns1:VideoSource/GlobalSceneChange/ImagingService';

export interface EventMessage {
  topic: Topic;
  utcMs: number;
  state: boolean;
  source: string;
}

interface Subscription {
  id: string;
  terminationTime: number;
  queue: EventMessage[];
  waiter: (() => void) | undefined;
}

const MAX_QUEUE = 100;
const MAX_SUBSCRIPTIONS = 32;
const MAX_PULL_WAIT_MS = 60_000;
const DEFAULT_TERMINATION_MS = 60_000;

export class EventBroker {
  private readonly subs = new Map<string, Subscription>();

  constructor(private readonly now: () => number) {}

  get count(): number {
    this.sweep();
    return this.subs.size;
  }

  create(terminationMs: number): Subscription | null {
    this.sweep();
    if (this.subs.size >= MAX_SUBSCRIPTIONS) return null;
    const sub: Subscription = { id: randomUUID(), terminationTime: terminationMs, queue: [], waiter: undefined };
    this.subs.set(sub.id, sub);
    return sub;
  }

  get(id: string): Subscription | undefined {
    this.sweep();
    return this.subs.get(id);
  }

  remove(id: string): boolean {
    const sub = this.subs.get(id);
    sub?.waiter?.();
    return this.subs.delete(id);
  }

  publish(message: EventMessage): void {
    this.sweep();
    for (const sub of this.subs.values()) {
      sub.queue.push(message);
      if (sub.queue.length > MAX_QUEUE) sub.queue.shift();
      sub.waiter?.();
    }
  }

  /** Waits up to `waitMs` for a message (or for the subscription to go), then takes up to `limit`. */
  async pull(sub: Subscription, waitMs: number, limit: number, aborted: AbortSignal): Promise<EventMessage[]> {
    if (sub.queue.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          aborted.removeEventListener('abort', done);
          sub.waiter = undefined;
          resolve();
        };
        const timer = setTimeout(done, Math.min(waitMs, MAX_PULL_WAIT_MS));
        aborted.addEventListener('abort', done);
        sub.waiter = done;
      });
    }
    return sub.queue.splice(0, Math.max(1, limit));
  }

  /** Drops every subscription (reboot); waiting pulls return at once. */
  clear(): void {
    for (const sub of this.subs.values()) sub.waiter?.();
    this.subs.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, sub] of this.subs) if (sub.terminationTime < now) this.remove(id);
  }
}

function messageXml(m: EventMessage): string {
  return (
    `<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">${m.topic}</wsnt:Topic>` +
    `<wsnt:Message><tt:Message UtcTime="${isoTime(m.utcMs)}" PropertyOperation="Changed">` +
    `<tt:Source><tt:SimpleItem Name="Source" Value="${m.source}"/></tt:Source>` +
    `<tt:Data><tt:SimpleItem Name="State" Value="${m.state}"/></tt:Data>` +
    `</tt:Message></wsnt:Message></wsnt:NotificationMessage>`
  );
}

const noSuchSubscription = () =>
  fault('s:Sender', 'ter:ResourceUnknownFault', 'no such subscription (expired, removed or rebooted)');

/** The subscription id comes from the request path (/onvif/subscription/<id>), set by the server. */
export type SubscriptionHandler = (
  req: Parameters<Handler>[0],
  ctx: Parameters<Handler>[1],
  subscriptionId: string,
  aborted: AbortSignal,
) => ReturnType<Handler>;

export const eventHandlers: Record<string, Handler> = {
  CreatePullPointSubscription: (req, ctx) => {
    const now = ctx.now();
    const wanted = parseTermination(text(req, 'InitialTerminationTime'), now);
    const sub = ctx.events.create(wanted ?? now + DEFAULT_TERMINATION_MS);
    if (!sub) return fault('s:Receiver', 'ter:InvalidArgs', 'too many subscriptions');
    return (
      `<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference>` +
      `<a:Address>${ctx.baseUrl()}/onvif/subscription/${sub.id}</a:Address></tev:SubscriptionReference>` +
      `<wsnt:CurrentTime>${isoTime(now)}</wsnt:CurrentTime><wsnt:TerminationTime>${isoTime(sub.terminationTime)}</wsnt:TerminationTime>` +
      `</tev:CreatePullPointSubscriptionResponse>`
    );
  },
  GetEventProperties: () =>
    `<tev:GetEventPropertiesResponse><tev:TopicNamespaceLocation>http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>` +
    `<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet><wstop:TopicSet><tns1:VideoSource><MotionAlarm wstop:topic="true"/>` +
    `<GlobalSceneChange><ImagingService wstop:topic="true"/></GlobalSceneChange></tns1:VideoSource></wstop:TopicSet>` +
    `</tev:GetEventPropertiesResponse>`,
};

export const subscriptionHandlers: Record<string, SubscriptionHandler> = {
  PullMessages: async (req, ctx, id, aborted) => {
    const sub = ctx.events.get(id);
    if (!sub) return noSuchSubscription();
    const wait = parseDuration(text(req, 'Timeout'));
    const limit = Number(text(req, 'MessageLimit') ?? '10');
    if (wait === null || !Number.isInteger(limit) || limit < 1)
      return fault('s:Sender', 'ter:InvalidArgVal', 'bad Timeout or MessageLimit');
    const messages = await ctx.events.pull(sub, wait, Math.min(limit, 100), aborted);
    if (!ctx.events.get(id)) return noSuchSubscription();
    return (
      `<tev:PullMessagesResponse><tev:CurrentTime>${isoTime(ctx.now())}</tev:CurrentTime>` +
      `<tev:TerminationTime>${isoTime(sub.terminationTime)}</tev:TerminationTime>${messages.map(messageXml).join('')}</tev:PullMessagesResponse>`
    );
  },
  Renew: (req, ctx, id) => {
    const sub = ctx.events.get(id);
    if (!sub) return noSuchSubscription();
    const now = ctx.now();
    sub.terminationTime = parseTermination(text(req, 'TerminationTime'), now) ?? now + DEFAULT_TERMINATION_MS;
    return `<wsnt:RenewResponse><wsnt:TerminationTime>${isoTime(sub.terminationTime)}</wsnt:TerminationTime><wsnt:CurrentTime>${isoTime(now)}</wsnt:CurrentTime></wsnt:RenewResponse>`;
  },
  Unsubscribe: (_req, ctx, id) => (ctx.events.remove(id) ? '<wsnt:UnsubscribeResponse/>' : noSuchSubscription()),
};
