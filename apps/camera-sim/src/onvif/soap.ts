/**
 * SOAP 1.2 envelopes and faults as ONVIF devices send them. Pure string builders.
 */
import { escapeXml } from '@cctv/safe-xml';

export const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  a: 'http://www.w3.org/2005/08/addressing',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wstop: 'http://docs.oasis-open.org/wsn/t-1',
  tns1: 'http://www.onvif.org/ver10/topics',
} as const;

const declarations = Object.entries(NS)
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');

export function envelope(body: string, header = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope ${declarations}>` +
    (header ? `<s:Header>${header}</s:Header>` : '') +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** The ONVIF error subcodes the simulator uses (ONVIF Core 5.11.2). */
export type FaultSubcode =
  | 'ter:NotAuthorized'
  | 'ter:InvalidArgVal'
  | 'ter:ActionNotSupported'
  | 'ter:NoProfile'
  | 'ter:NoSuchPreset'
  | 'ter:TooManyPresets'
  | 'ter:WellFormed'
  | 'ter:InvalidArgs'
  | 'ter:ResourceUnknownFault';

export interface SoapFault {
  code: 's:Sender' | 's:Receiver';
  subcode: FaultSubcode;
  reason: string;
  /** HTTP status: 400 for sender faults (ONVIF Core 5.6.2.2), 500 for receiver faults. */
  status: number;
}

export function fault(code: SoapFault['code'], subcode: FaultSubcode, reason: string): SoapFault {
  return { code, subcode, reason, status: code === 's:Sender' ? 400 : 500 };
}

export function faultXml(f: SoapFault): string {
  return envelope(
    `<s:Fault><s:Code><s:Value>${f.code}</s:Value><s:Subcode><s:Value>${f.subcode}</s:Value></s:Subcode></s:Code>` +
      `<s:Reason><s:Text xml:lang="en">${escapeXml(f.reason)}</s:Text></s:Reason></s:Fault>`,
  );
}

/** xs:dateTime in UTC with milliseconds, as ONVIF timestamps are written. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses an xs:duration of the simple forms cameras use (PT10S, PT1M, PT0.5S, P1DT2H); null when invalid. */
export function parseDuration(text: string | undefined): number | null {
  if (!text) return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const [, d, h, min, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Math.round(Number(s ?? 0) * 1000);
}

/** A termination time is either an absolute xs:dateTime or a duration from now. */
export function parseTermination(text: string | undefined, now: number): number | null {
  if (!text) return null;
  const d = parseDuration(text);
  if (d !== null) return now + d;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : null;
}
