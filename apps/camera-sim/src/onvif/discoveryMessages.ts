/**
 * WS-Discovery (2005/04, as ONVIF Core 7 uses it) messages of a camera: ProbeMatches, Hello, Bye,
 * and reading a Probe. Pure.
 */
import { randomUUID } from 'node:crypto';
import { child, parseXml, text } from '@cctv/safe-xml';
import { escapeXml } from '@cctv/safe-xml';

export const WSD = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  a: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  d: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  dn: 'http://www.onvif.org/ver10/network/wsdl',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
};
export const DISCOVERY_ADDRESS = '239.255.255.250';
export const DISCOVERY_PORT = 3702;
const ANONYMOUS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';
const TO_DISCOVERY = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery';

/** What a camera says about itself in discovery. */
export interface DiscoveryTarget {
  /** `urn:uuid:...`, stable for the camera. */
  endpoint: string;
  xaddrs: string[];
  scopes: string[];
  types: string[];
  metadataVersion: number;
}

export interface Probe {
  messageId: string;
  types: string[];
  scopes: string[];
}

const ns = `xmlns:s="${WSD.s}" xmlns:a="${WSD.a}" xmlns:d="${WSD.d}" xmlns:dn="${WSD.dn}" xmlns:tds="${WSD.tds}"`;

function header(action: string, extra: string): string {
  return `<s:Header><a:Action s:mustUnderstand="1">${WSD.d}/${action}</a:Action><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID>${extra}</s:Header>`;
}

function matchBody(t: DiscoveryTarget): string {
  return (
    `<a:EndpointReference><a:Address>${escapeXml(t.endpoint)}</a:Address></a:EndpointReference>` +
    `<d:Types>${t.types.join(' ')}</d:Types>` +
    `<d:Scopes>${t.scopes.map(escapeXml).join(' ')}</d:Scopes>` +
    `<d:XAddrs>${t.xaddrs.map(escapeXml).join(' ')}</d:XAddrs>` +
    `<d:MetadataVersion>${t.metadataVersion}</d:MetadataVersion>`
  );
}

export function probeMatchesXml(t: DiscoveryTarget, relatesTo: string, messageNumber: number): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${ns}>` +
    header(
      'ProbeMatches',
      `<a:RelatesTo>${escapeXml(relatesTo)}</a:RelatesTo><a:To s:mustUnderstand="1">${ANONYMOUS}</a:To>` +
        `<d:AppSequence InstanceId="1" MessageNumber="${messageNumber}"/>`,
    ) +
    `<s:Body><d:ProbeMatches><d:ProbeMatch>${matchBody(t)}</d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`
  );
}

export function helloXml(t: DiscoveryTarget, messageNumber: number): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${ns}>` +
    header(
      'Hello',
      `<a:To s:mustUnderstand="1">${TO_DISCOVERY}</a:To><d:AppSequence InstanceId="1" MessageNumber="${messageNumber}"/>`,
    ) +
    `<s:Body><d:Hello>${matchBody(t)}</d:Hello></s:Body></s:Envelope>`
  );
}

export function byeXml(t: DiscoveryTarget, messageNumber: number): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${ns}>` +
    header(
      'Bye',
      `<a:To s:mustUnderstand="1">${TO_DISCOVERY}</a:To><d:AppSequence InstanceId="1" MessageNumber="${messageNumber}"/>`,
    ) +
    `<s:Body><d:Bye><a:EndpointReference><a:Address>${escapeXml(t.endpoint)}</a:Address></a:EndpointReference></d:Bye></s:Body></s:Envelope>`
  );
}

/** Reads a Probe datagram; null for anything else (including hostile or oversized input). */
export function readProbe(datagram: string): Probe | null {
  const parsed = parseXml(datagram, 64 * 1024);
  if (!parsed.ok) return null;
  const body = child(parsed.doc, 'Envelope', 'Body');
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('Probe' in body)) return null;
  const split = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter(Boolean);
  return {
    messageId: text(parsed.doc, 'Envelope', 'Header', 'MessageID') ?? '',
    types: split(text(body, 'Probe', 'Types')),
    scopes: split(text(body, 'Probe', 'Scopes')),
  };
}

/** Type match by local name (prefixes differ between clients); scope match by RFC 3986 prefix. */
export function matches(t: DiscoveryTarget, probe: Probe): boolean {
  const local = (q: string): string => q.slice(q.indexOf(':') + 1);
  const typesOk = probe.types.every((want) => t.types.some((have) => local(have) === local(want)));
  const scopesOk = probe.scopes.every((want) =>
    t.scopes.some((have) => have === want || have.startsWith(want.endsWith('/') ? want : `${want}/`)),
  );
  return typesOk && scopesOk;
}
