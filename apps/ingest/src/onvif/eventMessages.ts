/**
 * Pull-point event messages (ONVIF Events 9.1, WS-BaseNotification): request bodies and reading
 * PullMessages answers into typed alarms. Pure.
 */
import type { OnvifAlarm } from './device';
import { attr, child, children, text, escapeXml, type XmlNode, type XmlValue } from '@cctv/safe-xml';

const TEV = 'http://www.onvif.org/ver10/events/wsdl';
const WSNT = 'http://docs.oasis-open.org/wsn/b-2';

export const duration = (ms: number): string => `PT${Math.max(0, Math.round(ms / 100) / 10)}S`;

export const createPullPointBody = (terminationMs: number): string =>
  `<CreatePullPointSubscription xmlns="${TEV}"><InitialTerminationTime>${duration(terminationMs)}</InitialTerminationTime></CreatePullPointSubscription>`;
export const pullMessagesBody = (timeoutMs: number, limit: number): string =>
  `<PullMessages xmlns="${TEV}"><Timeout>${duration(timeoutMs)}</Timeout><MessageLimit>${limit}</MessageLimit></PullMessages>`;
export const renewBody = (terminationMs: number): string =>
  `<Renew xmlns="${WSNT}"><TerminationTime>${duration(terminationMs)}</TerminationTime></Renew>`;
export const unsubscribeBody = (): string => `<Unsubscribe xmlns="${WSNT}"/>`;
/** WS-Addressing To header: pull-point requests name the subscription they are for. */
export const toHeader = (address: string): string => `<a:To s:mustUnderstand="1">${escapeXml(address)}</a:To>`;

export function readSubscriptionAddress(doc: XmlNode): string | null {
  const address = text(
    doc,
    'Envelope',
    'Body',
    'CreatePullPointSubscriptionResponse',
    'SubscriptionReference',
    'Address',
  );
  return address && /^https?:\/\//.test(address.trim()) ? address.trim() : null;
}

/** Motion and tamper topics as cameras name them (the prefix varies; the path does not). */
export function classifyTopic(topic: string): OnvifAlarm['kind'] | null {
  const path = topic.replace(/(^|\/)[\w-]+:/g, '$1');
  if (
    /^VideoSource\/MotionAlarm$/i.test(path) ||
    /^RuleEngine\/(CellMotionDetector|MotionRegionDetector)\/Motion$/i.test(path)
  )
    return 'motion';
  if (
    /^VideoSource\/GlobalSceneChange\/(ImagingService|AnalyticsService|RecordingService)$/i.test(path) ||
    /Tamper/i.test(path)
  )
    return 'tamper';
  return null;
}

const TRUE_VALUES = new Set(['true', '1', 'active']);

function simpleItems(node: XmlValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of children(node, 'SimpleItem')) {
    const name = attr(item, 'Name');
    const value = attr(item, 'Value');
    if (name !== undefined && value !== undefined) out.set(name, value);
  }
  return out;
}

export function readAlarms(doc: XmlNode): OnvifAlarm[] {
  const response = child(doc, 'Envelope', 'Body', 'PullMessagesResponse');
  const out: OnvifAlarm[] = [];
  for (const n of children(response, 'NotificationMessage')) {
    const topic = text(n, 'Topic')?.trim() ?? '';
    const kind = classifyTopic(topic);
    if (!kind) continue;
    const message = child(n, 'Message', 'Message');
    const data = simpleItems(child(message, 'Data'));
    const state = data.get('State') ?? data.get('IsMotion') ?? data.get('IsTamper') ?? [...data.values()][0];
    if (state === undefined) continue;
    const source = simpleItems(child(message, 'Source'));
    out.push({
      kind,
      active: TRUE_VALUES.has(state.toLowerCase()),
      cameraTime: attr(message, 'UtcTime') ?? '',
      topic,
      source: [...source.values()][0] ?? null,
    });
  }
  return out;
}
