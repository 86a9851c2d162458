import { describe, expect, it } from 'vitest';
import { byeXml, helloXml, matches, probeMatchesXml, readProbe, type DiscoveryTarget } from './discoveryMessages.js';
import { parseXml } from '@cctv/safe-xml';

const target: DiscoveryTarget = {
  endpoint: 'urn:uuid:0f9e3c2a-0000-4000-8000-000000000001',
  xaddrs: ['http://127.0.0.1:8000/onvif/device_service'],
  scopes: ['onvif://www.onvif.org/type/video_encoder', 'onvif://www.onvif.org/name/Camera%201'],
  types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
  metadataVersion: 1,
};

const probe = (types: string, scopes = ''): string =>
  `<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dp0="http://www.onvif.org/ver10/network/wsdl"><e:Header><w:MessageID>uuid:abc</w:MessageID></e:Header><e:Body><d:Probe><d:Types>${types}</d:Types>${scopes ? `<d:Scopes>${scopes}</d:Scopes>` : ''}</d:Probe></e:Body></e:Envelope>`;

describe('discovery messages', () => {
  it('reads a probe whatever its prefixes', () => {
    expect(readProbe(probe('dp0:NetworkVideoTransmitter'))).toEqual({
      messageId: 'uuid:abc',
      types: ['dp0:NetworkVideoTransmitter'],
      scopes: [],
    });
  });

  it.each([
    ['dp0:NetworkVideoTransmitter', '', true],
    ['', '', true],
    ['dn:Printer', '', false],
    ['dn:NetworkVideoTransmitter', 'onvif://www.onvif.org/name', true],
    ['dn:NetworkVideoTransmitter', 'onvif://www.onvif.org/nam', false],
    ['', 'onvif://www.onvif.org/location/city', false],
  ])('types "%s" scopes "%s" match: %s', (types, scopes, expected) => {
    expect(matches(target, readProbe(probe(types, scopes))!)).toBe(expected);
  });

  it.each([
    ['not xml', 'garbage'],
    ['a DTD', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'],
    ['a Hello', helloXml(target, 1)],
  ])('ignores %s', (_what, datagram) => expect(readProbe(datagram)).toBeNull());

  it('writes well-formed ProbeMatches, Hello and Bye', () => {
    for (const xml of [probeMatchesXml(target, 'uuid:abc', 1), helloXml(target, 1), byeXml(target, 2)]) {
      expect(parseXml(xml).ok).toBe(true);
    }
    expect(probeMatchesXml(target, 'uuid:abc', 1)).toContain('<a:RelatesTo>uuid:abc</a:RelatesTo>');
  });
});
