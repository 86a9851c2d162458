/**
 * A pull-point subscription that keeps itself alive: pull in a loop, renew at half the lifetime,
 * and on any failure (the camera rebooted and forgot us, the subscription expired, the network
 * dropped) wait with backoff and subscribe again. Alarms are emitted as typed events.
 */
import { EventEmitter } from 'node:events';
import type { EventStream, EventStreamEvents, EventSubscriptionOptions } from './device';
import { isOnvifError, OnvifError } from './errors';
import {
  createPullPointBody,
  pullMessagesBody,
  readAlarms,
  readSubscriptionAddress,
  renewBody,
  toHeader,
  unsubscribeBody,
} from './eventMessages';
import type { SoapAnswer } from './transport';

/** Sends an authenticated SOAP body to a URL with an extra header and a deadline. */
export type SoapSender = (
  url: string,
  body: string,
  extraHeader: string,
  timeoutMs: number,
  signal: AbortSignal,
) => Promise<SoapAnswer>;

export class PullPointStream extends EventEmitter<EventStreamEvents> implements EventStream {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private address: string | null = null;
  private readonly o: Required<EventSubscriptionOptions>;

  constructor(
    private readonly eventsUrl: string,
    private readonly send: SoapSender,
    private readonly callTimeoutMs: number,
    options: EventSubscriptionOptions = {},
  ) {
    super();
    this.o = { pullTimeoutMs: 10_000, messageLimit: 20, terminationMs: 60_000, retryMs: 1000, ...options };
    this.done = this.run();
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
    const address = this.address;
    this.address = null;
    if (address) {
      await this.send(
        address,
        unsubscribeBody(),
        toHeader(address),
        this.callTimeoutMs,
        AbortSignal.timeout(this.callTimeoutMs),
      ).catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    let retry = this.o.retryMs;
    let subscriptions = 0;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const created = await this.send(
          this.eventsUrl,
          createPullPointBody(this.o.terminationMs),
          '',
          this.callTimeoutMs,
          signal,
        );
        const address = readSubscriptionAddress(created.doc);
        if (!address) throw new OnvifError('unexpected', 'CreatePullPointSubscription gave no subscription address');
        this.address = address;
        this.emit('subscribed', { address, resubscription: subscriptions++ > 0 });
        retry = this.o.retryMs;
        let renewAt = Date.now() + this.o.terminationMs / 2;
        while (!signal.aborted) {
          if (Date.now() >= renewAt) {
            await this.send(address, renewBody(this.o.terminationMs), toHeader(address), this.callTimeoutMs, signal);
            renewAt = Date.now() + this.o.terminationMs / 2;
          }
          const wait = Math.min(this.o.pullTimeoutMs, Math.max(0, renewAt - Date.now()));
          const pulled = await this.send(
            address,
            pullMessagesBody(wait, this.o.messageLimit),
            toHeader(address),
            wait + this.callTimeoutMs,
            signal,
          );
          for (const alarm of readAlarms(pulled.doc)) this.emit('alarm', alarm);
        }
      } catch (err) {
        if (signal.aborted || isOnvifError(err, 'aborted')) break;
        this.address = null;
        if (this.listenerCount('error') > 0) this.emit('error', err as Error);
        await sleep(retry, signal);
        retry = Math.min(retry * 2, 30_000);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
