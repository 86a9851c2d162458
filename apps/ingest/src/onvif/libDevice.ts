/**
 * OnvifDevice over the `onvif` package (0.8.x). The library builds the SOAP requests and maps the
 * answers of Device, Media and PTZ; what it does unsafely or wrongly is replaced per instance (see
 * docs/decisions/0003-onvif-client.md):
 *  - transport (`_requestPart2`): ours, with one deadline per call and a size cap; every answer is
 *    checked by the safe parser (no DTD, well-formed, faults typed) before the library's xml2js
 *    parser sees it;
 *  - WS-Security (`_envelopeHeader`): ours, with the camera clock offset read unauthenticated first
 *    (millisecond arithmetic, UTF-8 passwords, escaped user name);
 *  - values we put into its XML (preset names and tokens) are escaped first: it does not escape.
 * Events (pull-point) are our own code over the same transport: the library hard-codes a 60 s pull,
 * keeps one subscription per camera in a mutable field and has no bounded re-subscription.
 */
// The ambient declaration must reach every program that compiles this file (test/ too).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./onvifLib.d.ts" />
import onvif from 'onvif';
import onvifUtils from 'onvif/lib/utils.js';
import type {
  ConnectOptions,
  DeviceInformation,
  EventStream,
  EventSubscriptionOptions,
  MediaProfile,
  OnvifDevice,
  Profiles,
  PtzPreset,
  PtzStatus,
  PtzVector,
} from './device';
import { clockOffset, GET_SYSTEM_DATE_AND_TIME, readCameraTime } from './clock';
import { OnvifError } from './errors';
import { PullPointStream } from './eventStream';
import { DEFAULT_TIMEOUT_MS, httpPost, readSoapAnswer, soapCall, type SoapAnswer } from './transport';
import { securityHeader, soapEnvelope } from './wsse';
import { escapeXml } from '@cctv/safe-xml';

type Callback = (err: Error | null, data?: unknown, xml?: string) => void;

/** The library's Cam as the adapter uses it (its own typings cover the public methods loosely). */
interface LibCam {
  uri?: Record<string, { href?: string } | undefined>;
  _requestPart2: (
    options: LibRequest,
    callback: (err: Error | null, data?: unknown, xml?: string, status?: number) => void,
  ) => void;
  _envelopeHeader: (openHeader?: boolean) => string;
  getCapabilities(cb: Callback): void;
  getDeviceInformation(cb: Callback): void;
  getProfiles(cb: Callback): void;
  getStreamUri(o: object, cb: Callback): void;
  getSnapshotUri(o: object, cb: Callback): void;
  continuousMove(o: object, cb: Callback): void;
  stop(o: object, cb: Callback): void;
  absoluteMove(o: object, cb: Callback): void;
  relativeMove(o: object, cb: Callback): void;
  gotoHomePosition(o: object, cb: Callback): void;
  setHomePosition(o: object, cb: Callback): void;
  getPresets(o: object, cb: Callback): void;
  setPreset(o: object, cb: Callback): void;
  gotoPreset(o: object, cb: Callback): void;
  removePreset(o: object, cb: Callback): void;
  getStatus(o: object, cb: Callback): void;
}

interface LibRequest {
  service?: string;
  url?: { href?: string };
  body: string;
  action?: string;
  replyTimeout?: number;
}

/** Connects: reads the clock unauthenticated, then the service addresses (authenticated). */
export async function connectOnvifDevice(o: ConnectOptions): Promise<OnvifDevice> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sent = Date.now();
  const answer = await soapCall(o.url, soapEnvelope(GET_SYSTEM_DATE_AND_TIME), { timeoutMs, maxBytes: o.maxBytes });
  const cameraTime = readCameraTime(answer.doc);
  if (cameraTime === null) throw new OnvifError('unexpected', 'GetSystemDateAndTime gave no UTC time');
  const device = new LibOnvifDevice(o, clockOffset(cameraTime, sent, Date.now()));
  await device.init();
  return device;
}

class LibOnvifDevice implements OnvifDevice {
  readonly url: string;
  private readonly cam: LibCam;
  private readonly timeoutMs: number;
  private readonly streams = new Set<EventStream>();
  private readonly closing = new AbortController();

  constructor(
    private readonly o: ConnectOptions,
    readonly clockOffsetMs: number,
  ) {
    this.url = o.url;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const u = new URL(o.url);
    this.cam = new onvif.Cam({
      hostname: u.hostname,
      port: Number(u.port || 80),
      path: u.pathname,
      username: o.credentials.username,
      password: o.credentials.password,
      timeout: this.timeoutMs,
      autoconnect: false,
    }) as unknown as LibCam;
    this.cam._envelopeHeader = (openHeader?: boolean) =>
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header>' +
      this.security() +
      (openHeader
        ? ''
        : '</s:Header><s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">');
    this.cam._requestPart2 = (req, callback) => {
      this.libRequest(req).then(
        ({ status, xml }) =>
          onvifUtils.parseSOAPString(xml, (err, data, raw) => callback(err, data, raw, status), status),
        (err: Error) => callback(err),
      );
    };
  }

  async init(): Promise<void> {
    await this.call((cb) => this.cam.getCapabilities(cb));
  }

  private security(): string {
    return securityHeader(this.o.credentials.username, this.o.credentials.password, Date.now() + this.clockOffsetMs);
  }

  /** The library's request, through our transport and checks. */
  private async libRequest(req: LibRequest): Promise<{ status: number; xml: string }> {
    const url = req.url?.href ?? (req.service ? this.cam.uri?.[req.service]?.href : undefined) ?? this.url;
    const { status, body } = await httpPost(
      url,
      req.body,
      { 'Content-Type': `application/soap+xml; charset=utf-8${req.action ? `; action="${req.action}"` : ''}` },
      { timeoutMs: this.timeoutMs, maxBytes: this.o.maxBytes, signal: this.closing.signal },
    );
    readSoapAnswer(status, body, this.o.maxBytes); // throws the typed error for faults and bad XML
    return { status, xml: body };
  }

  /** Runs a library method; any error that is not already typed becomes `unexpected`. */
  private call<T = unknown>(fn: (cb: Callback) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      try {
        fn((err, data) => {
          if (!err) return resolve(data as T);
          reject(err instanceof OnvifError ? err : new OnvifError('unexpected', err.message));
        });
      } catch (err) {
        reject(new OnvifError('unexpected', (err as Error).message));
      }
    });
  }

  async getDeviceInformation(): Promise<DeviceInformation> {
    const d = await this.call<Record<string, unknown>>((cb) => this.cam.getDeviceInformation(cb));
    const s = (k: string): string => (d?.[k] === undefined ? '' : String(d[k]));
    return {
      manufacturer: s('manufacturer'),
      model: s('model'),
      firmwareVersion: s('firmwareVersion'),
      serialNumber: s('serialNumber'),
      hardwareId: s('hardwareId'),
    };
  }

  async getProfiles(): Promise<Profiles> {
    const raw = await this.call<unknown>((cb) => this.cam.getProfiles(cb));
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as LibProfile[];
    const all: MediaProfile[] = [];
    for (const p of list) {
      const token = p?.$?.token;
      const enc = p?.videoEncoderConfiguration;
      if (token === undefined || !enc?.resolution) continue;
      const profileToken = escapeXml(String(token));
      const stream = await this.call<{ uri?: string }>((cb) =>
        this.cam.getStreamUri({ protocol: 'RTSP', profileToken }, cb),
      );
      const snapshot = await this.call<{ uri?: string }>((cb) => this.cam.getSnapshotUri({ profileToken }, cb)).catch(
        () => null,
      );
      if (!stream?.uri) throw new OnvifError('unexpected', `no stream URI for profile ${String(token)}`);
      all.push({
        token: String(token),
        name: String(p.name ?? token),
        encoding: String(enc.encoding ?? ''),
        width: Number(enc.resolution.width),
        height: Number(enc.resolution.height),
        streamUri: String(stream.uri),
        snapshotUri: snapshot?.uri ? String(snapshot.uri) : null,
        ptz: p.PTZConfiguration !== undefined,
      });
    }
    if (all.length === 0) throw new OnvifError('unexpected', 'the camera has no video profile');
    const byArea = [...all].sort((a, b) => b.width * b.height - a.width * a.height);
    return { main: byArea[0]!, sub: byArea.length > 1 ? byArea[byArea.length - 1]! : null, all };
  }

  async continuousMove(profileToken: string, v: PtzVector, timeoutMs?: number): Promise<void> {
    await this.call((cb) =>
      this.cam.continuousMove(
        {
          profileToken: escapeXml(profileToken),
          x: v.pan ?? 0,
          y: v.tilt ?? 0,
          zoom: v.zoom ?? 0,
          ...(timeoutMs ? { timeout: timeoutMs } : {}),
        },
        cb,
      ),
    );
  }

  async stop(profileToken: string): Promise<void> {
    await this.call((cb) => this.cam.stop({ profileToken: escapeXml(profileToken), panTilt: true, zoom: true }, cb));
  }

  async moveFor(profileToken: string, v: PtzVector, ms: number): Promise<void> {
    try {
      await this.continuousMove(profileToken, v, ms);
      await new Promise((r) => setTimeout(r, ms));
    } finally {
      // Cameras ignore move timeouts: the stop is sent whatever happened, and retried once.
      await this.stop(profileToken).catch(() => this.stop(profileToken));
    }
  }

  async absoluteMove(profileToken: string, p: PtzVector): Promise<void> {
    await this.call((cb) => this.cam.absoluteMove({ profileToken: escapeXml(profileToken), ...xyz(p) }, cb));
  }

  async relativeMove(profileToken: string, p: PtzVector): Promise<void> {
    await this.call((cb) => this.cam.relativeMove({ profileToken: escapeXml(profileToken), ...xyz(p) }, cb));
  }

  async gotoHome(profileToken: string): Promise<void> {
    await this.call((cb) => this.cam.gotoHomePosition({ profileToken: escapeXml(profileToken) }, cb));
  }

  async setHome(profileToken: string): Promise<void> {
    await this.call((cb) => this.cam.setHomePosition({ profileToken: escapeXml(profileToken) }, cb));
  }

  async getPresets(profileToken: string): Promise<PtzPreset[]> {
    const byName = await this.call<Record<string, { $?: { token?: unknown } }>>((cb) =>
      this.cam.getPresets({ profileToken: escapeXml(profileToken) }, cb),
    );
    return Object.entries(byName ?? {})
      .filter(([, p]) => p?.$?.token !== undefined)
      .map(([name, p]) => ({ name, token: String(p.$!.token) }));
  }

  async setPreset(profileToken: string, name: string): Promise<string> {
    const data = await this.call<unknown>((cb) =>
      this.cam.setPreset({ profileToken: escapeXml(profileToken), presetName: escapeXml(name) }, cb),
    );
    const token = (onvifUtils.linerase(data) as { setPresetResponse?: { presetToken?: unknown } })?.setPresetResponse
      ?.presetToken;
    if (token === undefined) throw new OnvifError('unexpected', 'SetPreset gave no token');
    return String(token);
  }

  async gotoPreset(profileToken: string, presetToken: string): Promise<void> {
    await this.call((cb) =>
      this.cam.gotoPreset({ profileToken: escapeXml(profileToken), preset: escapeXml(presetToken) }, cb),
    );
  }

  async removePreset(profileToken: string, presetToken: string): Promise<void> {
    await this.call((cb) =>
      this.cam.removePreset({ profileToken: escapeXml(profileToken), presetToken: escapeXml(presetToken) }, cb),
    );
  }

  async getPtzStatus(profileToken: string): Promise<PtzStatus> {
    const s = await this.call<{
      position?: { x?: unknown; y?: unknown; zoom?: unknown };
      moveStatus?: { panTilt?: unknown; zoom?: unknown };
    }>((cb) => this.cam.getStatus({ profileToken: escapeXml(profileToken) }, cb));
    const moving = [s?.moveStatus?.panTilt, s?.moveStatus?.zoom].some((m) => String(m).toUpperCase() === 'MOVING');
    return {
      pan: Number(s?.position?.x ?? 0),
      tilt: Number(s?.position?.y ?? 0),
      zoom: Number(s?.position?.zoom ?? 0),
      moving,
    };
  }

  subscribeEvents(options?: EventSubscriptionOptions): EventStream {
    const eventsUrl = this.cam.uri?.['events']?.href;
    if (!eventsUrl) throw new OnvifError('unexpected', 'the camera has no event service');
    const stream = new PullPointStream(
      eventsUrl,
      (url, body, header, timeoutMs, signal) => this.send(url, body, header, timeoutMs, signal),
      this.timeoutMs,
      options,
    );
    this.streams.add(stream);
    const close = stream.close.bind(stream);
    stream.close = async () => {
      this.streams.delete(stream);
      await close();
    };
    return stream;
  }

  private send(url: string, body: string, header: string, timeoutMs: number, signal: AbortSignal): Promise<SoapAnswer> {
    const both = AbortSignal.any([signal, this.closing.signal]);
    return soapCall(url, soapEnvelope(body, this.security() + header), {
      timeoutMs,
      maxBytes: this.o.maxBytes,
      signal: both,
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.streams].map((s) => s.close()));
    this.closing.abort();
  }
}

interface LibProfile {
  $?: { token?: unknown };
  name?: unknown;
  videoEncoderConfiguration?: { encoding?: unknown; resolution?: { width?: unknown; height?: unknown } };
  PTZConfiguration?: unknown;
}

function xyz(p: PtzVector): { x?: number; y?: number; zoom?: number } {
  const out: { x?: number; y?: number; zoom?: number } = {};
  if (p.pan !== undefined) out.x = p.pan;
  if (p.tilt !== undefined) out.y = p.tilt;
  if (p.zoom !== undefined) out.zoom = p.zoom;
  return out;
}
