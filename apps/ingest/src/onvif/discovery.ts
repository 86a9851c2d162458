/**
 * WS-Discovery client: a multicast probe to 239.255.255.250:3702, and unicast probes to single
 * addresses or ranges (`10.1.2.3`, `10.1.2.0/28`, `10.1.2.3-10.1.2.40`, `127.0.0.1:3702-3800`) for
 * cameras on other subnets. Answers are parsed by the safe parser and de-duplicated by endpoint
 * reference; a hostile or broken datagram is dropped and counted, never thrown.
 */
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { child, children, parseXml, text } from '@cctv/safe-xml';

export interface DiscoveredDevice {
  /** WS-Addressing endpoint reference (urn:uuid:...), stable per device. */
  endpoint: string;
  /** IP address the answer came from. */
  address: string;
  /** Device service URLs the camera advertised. */
  xaddrs: string[];
  scopes: string[];
  types: string[];
  name?: string;
  make?: string;
  model?: string;
  location?: string;
}

export interface ProbeTarget {
  host: string;
  port: number;
}

export const MULTICAST_ADDRESS = '239.255.255.250';
export const DISCOVERY_PORT = 3702;
/** Largest range accepted in one call, so a typo cannot send a probe to a /8. */
export const MAX_TARGETS = 4096;

export function buildProbe(messageId: string = `urn:uuid:${randomUUID()}`): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"' +
    ' xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    '<s:Header><a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
    `<a:MessageID>${messageId}</a:MessageID>` +
    '<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>' +
    '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>'
  );
}

const split = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter(Boolean);

/** Reads a ProbeMatches (or Hello) datagram; [] for anything else, hostile input included. */
export function parseProbeMatches(datagram: string, address: string): DiscoveredDevice[] {
  const parsed = parseXml(datagram, 64 * 1024);
  if (!parsed.ok) return [];
  const body = child(parsed.doc, 'Envelope', 'Body');
  const matches = [...children(body, 'ProbeMatches', 'ProbeMatch'), ...children(body, 'Hello')];
  const out: DiscoveredDevice[] = [];
  for (const m of matches) {
    const endpoint = text(m, 'EndpointReference', 'Address')?.trim();
    const xaddrs = split(text(m, 'XAddrs')).filter((x) => /^https?:\/\//.test(x));
    if (!endpoint || xaddrs.length === 0) continue;
    const scopes = split(text(m, 'Scopes'));
    out.push({ endpoint, address, xaddrs, scopes, types: split(text(m, 'Types')), ...describe(scopes) });
  }
  return out;
}

/**
 * Name, make, model and location from ONVIF scopes. Vendors differ: `name/` is the product or the
 * given name, `hardware/` the model, and the make comes from `mfr/` or `manufacturer/` when present
 * (Axis, some Dahua), else it is left out rather than guessed.
 */
export function describe(scopes: readonly string[]): Pick<DiscoveredDevice, 'name' | 'make' | 'model' | 'location'> {
  const get = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const s = scopes.find((x) => x.toLowerCase().startsWith(`onvif://www.onvif.org/${key}/`));
      if (s) return decode(s.slice(`onvif://www.onvif.org/${key}/`.length));
    }
    return undefined;
  };
  const out: Pick<DiscoveredDevice, 'name' | 'make' | 'model' | 'location'> = {};
  const name = get('name');
  const make = get('mfr', 'manufacturer');
  const model = get('hardware');
  const location = get('location');
  if (name) out.name = name;
  if (make) out.make = make;
  if (model) out.model = model;
  if (location) out.location = location;
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Parses a target list: comma-separated items, each an IPv4 address, a CIDR block, an address
 * range, with an optional `:port` or `:port-port`. Throws RangeError with a clear message.
 */
export function parseTargets(spec: string, defaultPort = DISCOVERY_PORT): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([\d./-]+?)(?::(\d+)(?:-(\d+))?)?$/.exec(raw);
    if (!m) throw new RangeError(`not an address, range or CIDR: "${raw}"`);
    const hosts = expandHosts(m[1]!);
    const p0 = m[2] === undefined ? defaultPort : Number(m[2]);
    const p1 = m[3] === undefined ? p0 : Number(m[3]);
    if (!(p0 >= 1 && p1 <= 65535 && p0 <= p1)) throw new RangeError(`bad port range in "${raw}"`);
    if (hosts.length * (p1 - p0 + 1) + out.length > MAX_TARGETS)
      throw new RangeError(`more than ${MAX_TARGETS} targets`);
    for (const host of hosts) for (let port = p0; port <= p1; port++) out.push({ host, port });
  }
  return out;
}

function expandHosts(s: string): string[] {
  const cidr = /^(.+)\/(\d{1,2})$/.exec(s);
  if (cidr) {
    const bits = Number(cidr[2]);
    if (bits < 20 || bits > 32) throw new RangeError(`CIDR prefix must be /20 to /32, got /${bits}`);
    const base = ipToInt(cidr[1]!) & (bits === 0 ? 0 : ~0 << (32 - bits));
    const size = 2 ** (32 - bits);
    // Network and broadcast addresses are skipped for blocks with room for hosts.
    const [first, last] = size > 2 ? [1, size - 2] : [0, size - 1];
    return Array.from({ length: last - first + 1 }, (_, i) => intToIp((base + first + i) >>> 0));
  }
  const range = /^([\d.]+)-([\d.]+)$/.exec(s);
  if (range) {
    const a = ipToInt(range[1]!);
    const b = ipToInt(range[2]!);
    if (b < a) throw new RangeError(`range ends before it starts: "${s}"`);
    if (b - a >= MAX_TARGETS) throw new RangeError(`more than ${MAX_TARGETS} targets`);
    return Array.from({ length: b - a + 1 }, (_, i) => intToIp(a + i));
  }
  return [intToIp(ipToInt(s))];
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new RangeError(`not an IPv4 address: "${ip}"`);
  }
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface ProbeOptions {
  /** How long to listen for answers (default 2000 ms). */
  timeoutMs?: number;
  /** Local address to send from (and, for multicast, the interface to use). */
  bindAddress?: string;
  /** Called for each newly found device while the probe runs. */
  onDevice?: (d: DiscoveredDevice) => void;
  signal?: AbortSignal;
}

export interface ProbeResult {
  devices: DiscoveredDevice[];
  /** Datagrams dropped as unreadable, hostile or not a match. */
  ignored: number;
}

/** Multicast probe on the local segment. */
export function probeMulticast(o: ProbeOptions & { port?: number } = {}): Promise<ProbeResult> {
  return probe([{ host: MULTICAST_ADDRESS, port: o.port ?? DISCOVERY_PORT }], o, true);
}

/** Unicast probes to each target (sent paced, answers gathered until the timeout). */
export function probeUnicast(targets: readonly ProbeTarget[], o: ProbeOptions = {}): Promise<ProbeResult> {
  return probe(targets, o, false);
}

async function probe(targets: readonly ProbeTarget[], o: ProbeOptions, multicast: boolean): Promise<ProbeResult> {
  const socket: Socket = createSocket({ type: 'udp4', recvBufferSize: 4 << 20 });
  const found = new Map<string, DiscoveredDevice>();
  let ignored = 0;
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, o.bindAddress, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', () => undefined); // ICMP port unreachable on unicast probes to empty ports
  if (multicast) {
    if (o.bindAddress) socket.setMulticastInterface(o.bindAddress);
    socket.setMulticastTTL(1);
  }
  const messageId = `urn:uuid:${randomUUID()}`;
  const answered = new Set<string>();
  socket.on('message', (msg, rinfo) => {
    answered.add(`${rinfo.address}:${rinfo.port}`);
    const devices = msg.length > 64 * 1024 ? [] : parseProbeMatches(msg.toString('utf8'), rinfo.address);
    if (devices.length === 0) ignored++;
    for (const d of devices) {
      if (found.has(d.endpoint)) continue;
      found.set(d.endpoint, d);
      o.onDevice?.(d);
    }
  });
  const probeXml = buildProbe(messageId);
  const timeoutMs = o.timeoutMs ?? 2000;
  const started = Date.now();
  const aborted = new Promise<void>((resolve) => {
    if (o.signal?.aborted) resolve();
    o.signal?.addEventListener('abort', () => resolve());
  });
  try {
    // UDP loses datagrams (a burst of 100 answers can overflow a receive buffer), so the probe is
    // sent again as WS-Discovery allows; answers are de-duplicated by endpoint.
    for (const at of RESEND_AT_MS) {
      if (at >= timeoutMs) break;
      const wait = started + at - Date.now();
      if (wait > 0 && (await Promise.race([aborted.then(() => true), delay(wait).then(() => false)]))) break;
      if (at > 0 && !multicast)
        await sendAll(
          socket,
          probeXml,
          targets.filter((t) => !answered.has(`${t.host}:${t.port}`)),
        );
      else await sendAll(socket, probeXml, targets);
    }
    const left = started + timeoutMs - Date.now();
    if (left > 0) await Promise.race([aborted, delay(left)]);
  } finally {
    socket.close();
  }
  return { devices: [...found.values()], ignored };
}

const RESEND_AT_MS = [0, 300, 1000];

async function sendAll(socket: Socket, xml: string, targets: readonly ProbeTarget[]): Promise<void> {
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    socket.send(xml, t.port, t.host, () => undefined);
    // Pace large ranges a little so the kernel's queues and the cameras are not flooded.
    if (i % 64 === 63) await delay(2);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
