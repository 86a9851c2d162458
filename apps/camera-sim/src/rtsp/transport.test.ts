import { describe, expect, it } from 'vitest';
import { parseTransport } from './transport.js';

describe('parseTransport', () => {
  it.each([
    ['RTP/AVP/TCP;unicast;interleaved=0-1', { kind: 'tcp', interleaved: [0, 1] }],
    ['RTP/AVP/TCP;unicast;interleaved=2-3', { kind: 'tcp', interleaved: [2, 3] }],
    ['RTP/AVP/TCP;unicast', { kind: 'tcp', interleaved: [0, 1] }],
    ['RTP/AVP;unicast;client_port=5000-5001', { kind: 'udp', clientPorts: [5000, 5001] }],
    ['RTP/AVP/UDP;unicast;client_port=6000', { kind: 'udp', clientPorts: [6000, 6001] }],
    ['RTP/AVP;multicast, RTP/AVP/TCP;interleaved=0-1', { kind: 'tcp', interleaved: [0, 1] }],
    ['RTP/AVP;unicast', null],
    ['RTP/AVP;unicast;client_port=70000-70001', null],
    ['RTP/SAVP;unicast;client_port=5000-5001', null],
    ['', null],
    [undefined, null],
  ])('%s', (header, expected) => {
    expect(parseTransport(header)).toEqual(expected);
  });
});
