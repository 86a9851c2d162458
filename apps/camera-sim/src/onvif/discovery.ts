/**
 * WS-Discovery on the network. One multicast responder per process answers for every camera of the
 * fleet (one socket, one group membership, one parse per probe); a socket per camera on 3702 with
 * SO_REUSEADDR would work too, but every one of N sockets would receive and parse every probe.
 * Each camera also answers unicast probes on its own UDP port (the number of its ONVIF HTTP port),
 * which is how cameras on other subnets are found by address range.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { Logger } from 'pino';
import {
  byeXml,
  DISCOVERY_ADDRESS,
  helloXml,
  matches,
  probeMatchesXml,
  readProbe,
  type DiscoveryTarget,
} from './discoveryMessages.js';

/** A camera as discovery sees it: null while it is down (rebooting). */
export type TargetSource = () => DiscoveryTarget | null;

const MAX_DATAGRAM = 64 * 1024;

export class MulticastResponder {
  private socket: Socket | undefined;
  private readonly sources = new Set<TargetSource>();
  private messageNumber = 0;
  private joined = false;

  constructor(private readonly o: { host: string; port: number; logger: Logger; maxDelayMs?: number }) {}

  async start(): Promise<void> {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.o.port, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    try {
      // Multicast goes out of (and is joined on) the interface of the sim's address, so a sim on
      // 127.0.0.1 never sends Hello to the LAN.
      if (this.o.host !== '0.0.0.0') socket.setMulticastInterface(this.o.host);
      socket.setMulticastLoopback(true);
      socket.setMulticastTTL(1);
      socket.addMembership(DISCOVERY_ADDRESS, this.o.host === '0.0.0.0' ? undefined : this.o.host);
      this.joined = true;
    } catch (err) {
      this.o.logger.warn({ err: (err as Error).message }, 'multicast unavailable here; unicast discovery only');
    }
    socket.on('message', (msg, rinfo) => this.onProbe(msg, rinfo.address, rinfo.port));
    socket.on('error', (err) => this.o.logger.warn({ err: err.message }, 'discovery socket error'));
    this.socket = socket;
  }

  get multicast(): boolean {
    return this.joined;
  }

  add(source: TargetSource): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }

  hello(target: DiscoveryTarget): void {
    this.announce(helloXml(target, ++this.messageNumber));
  }

  bye(target: DiscoveryTarget): void {
    this.announce(byeXml(target, ++this.messageNumber));
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private announce(xml: string): void {
    if (!this.socket || !this.joined) return;
    this.socket.send(xml, this.o.port, DISCOVERY_ADDRESS, (err) => {
      if (err) this.o.logger.debug({ err: err.message }, 'announce not sent');
    });
  }

  private onProbe(msg: Buffer, address: string, port: number): void {
    if (msg.length > MAX_DATAGRAM) return;
    const probe = readProbe(msg.toString('utf8'));
    if (!probe) return;
    for (const source of this.sources) {
      const target = source();
      if (!target || !matches(target, probe)) continue;
      const xml = probeMatchesXml(target, probe.messageId, ++this.messageNumber);
      // A short random delay, as WS-Discovery asks of multicast answers, so 100 cameras do not burst.
      const delay = Math.random() * (this.o.maxDelayMs ?? 100);
      setTimeout(() => this.socket?.send(xml, port, address, () => undefined), delay).unref();
    }
  }
}

/** A camera's own unicast discovery port. */
export class UnicastResponder {
  private socket: Socket | undefined;
  private messageNumber = 0;

  constructor(private readonly o: { host: string; port: number; source: TargetSource; logger: Logger }) {}

  /** Binds the wanted port, or an ephemeral one if it is taken; returns the bound port. */
  async start(): Promise<number> {
    try {
      return await this.bind(this.o.port);
    } catch {
      return this.bind(0);
    }
  }

  get port(): number {
    return this.socket?.address().port ?? 0;
  }

  private bind(port: number): Promise<number> {
    const socket = createSocket('udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, this.o.host, () => {
        socket.off('error', reject);
        socket.on('error', (err) => this.o.logger.warn({ err: err.message }, 'unicast discovery socket error'));
        socket.on('message', (msg, rinfo) => {
          if (msg.length > MAX_DATAGRAM) return;
          const probe = readProbe(msg.toString('utf8'));
          const target = this.o.source();
          if (!probe || !target || !matches(target, probe)) return;
          socket.send(
            probeMatchesXml(target, probe.messageId, ++this.messageNumber),
            rinfo.port,
            rinfo.address,
            () => undefined,
          );
        });
        this.socket = socket;
        resolve(socket.address().port);
      });
    });
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
