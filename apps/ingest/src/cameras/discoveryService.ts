import type { DiscoveredCamera, DiscoveryResult } from '@cctv/protocol';
import type { Logger } from '../log';
import {
  parseTargets,
  probeMulticast,
  probeUnicast,
  type DiscoveredDevice,
  type ProbeResult,
  type ProbeTarget,
} from '../onvif/index';
import { CommandFailure } from '../socket/commands';
import type { CameraRepository } from './cameraRepository';

export interface DiscoveryOptions {
  /** A multicast probe this often (0: never; main.ts turns it on, tests leave it off). */
  intervalMs?: number;
  /** Local address for multicast probes (the camera network's interface). */
  bindAddress?: string;
}

/**
 * WS-Discovery for the registry: probes on demand (multicast and/or unicast targets) and a multicast
 * probe on a schedule; keeps the last results, marking devices the registry already holds.
 */
export class DiscoveryService {
  private last: { at: number | null; devices: DiscoveredDevice[] } = { at: null, devices: [] };
  private timer: NodeJS.Timeout | null = null;
  /** New results, for consoles. */
  onUpdated: (r: DiscoveryResult) => void = () => undefined;

  constructor(
    private readonly cameras: CameraRepository,
    private readonly log: Logger,
    private readonly o: DiscoveryOptions = {},
  ) {}

  start(): void {
    if (!this.o.intervalMs) return;
    this.timer = setInterval(() => {
      this.probe({ multicast: true, timeoutMs: 3000 }).catch((e: unknown) =>
        this.log.warn({ err: (e as Error).message }, 'scheduled discovery failed'),
      );
    }, this.o.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  list(): DiscoveryResult {
    return { at: this.last.at, devices: this.last.devices.map((d) => this.mark(d)) };
  }

  async probe(req: { multicast: boolean; targets?: string; timeoutMs: number }): Promise<DiscoveryResult> {
    let targets: ProbeTarget[] = [];
    if (req.targets) {
      try {
        targets = parseTargets(req.targets);
      } catch (e) {
        throw new CommandFailure('INVALID_PAYLOAD', `targets: ${(e as Error).message}`, 'targets');
      }
    }
    const runs: Promise<ProbeResult>[] = [];
    if (req.multicast)
      runs.push(
        probeMulticast({
          timeoutMs: req.timeoutMs,
          ...(this.o.bindAddress ? { bindAddress: this.o.bindAddress } : {}),
        }),
      );
    if (targets.length > 0) runs.push(probeUnicast(targets, { timeoutMs: req.timeoutMs }));
    const results = await Promise.all(runs);
    const byEndpoint = new Map<string, DiscoveredDevice>();
    for (const r of results) for (const d of r.devices) if (!byEndpoint.has(d.endpoint)) byEndpoint.set(d.endpoint, d);
    this.last = { at: Date.now(), devices: [...byEndpoint.values()] };
    this.log.info(
      {
        found: byEndpoint.size,
        ignored: results.reduce((n, r) => n + r.ignored, 0),
        multicast: req.multicast,
        targets: targets.length,
      },
      'discovery probe done',
    );
    const result = this.list();
    this.onUpdated(result);
    return result;
  }

  private mark(d: DiscoveredDevice): DiscoveredCamera {
    const stored = d.xaddrs.map((x) => this.cameras.byDeviceUrl(normalise(x))).find((c) => c !== undefined);
    const out: DiscoveredCamera = {
      endpoint: d.endpoint,
      address: d.address,
      xaddrs: d.xaddrs,
      scopes: d.scopes,
      alreadyAdded: stored !== undefined,
    };
    if (stored) out.cameraId = stored.id;
    if (d.make) out.make = d.make;
    if (d.model) out.model = d.model;
    if (d.name) out.name = d.name;
    if (d.location) out.location = d.location;
    return out;
  }
}

function normalise(url: string): string {
  try {
    return new URL(url).toString();
  } catch {
    return url;
  }
}
