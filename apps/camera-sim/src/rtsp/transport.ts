/**
 * The Transport header of SETUP (RFC 2326 section 12.39). A client may offer several transports,
 * comma-separated, in order of preference; the first one the camera supports wins.
 */

export type TransportRequest =
  { kind: 'tcp'; interleaved: [number, number] } | { kind: 'udp'; clientPorts: [number, number] };

export function parseTransport(header: string | undefined): TransportRequest | null {
  if (!header) return null;
  for (const spec of header.split(',')) {
    const parts = spec
      .trim()
      .split(';')
      .map((p) => p.trim());
    const profile = parts[0]?.toUpperCase();
    const params = new Map(
      parts.slice(1).map((p) => {
        const eq = p.indexOf('=');
        return eq < 0 ? [p.toLowerCase(), ''] : [p.slice(0, eq).toLowerCase(), p.slice(eq + 1)];
      }),
    );
    if (params.has('multicast')) continue;
    if (profile === 'RTP/AVP/TCP') {
      const pair = parsePair(params.get('interleaved') ?? '0-1', 255);
      if (pair) return { kind: 'tcp', interleaved: pair };
    } else if (profile === 'RTP/AVP' || profile === 'RTP/AVP/UDP') {
      const pair = parsePair(params.get('client_port') ?? '', 65535);
      if (pair && pair[0] > 0) return { kind: 'udp', clientPorts: pair };
    }
  }
  return null;
}

function parsePair(text: string, max: number): [number, number] | null {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a + 1 : Number(m[2]);
  return a <= max && b <= max ? [a, b] : null;
}
