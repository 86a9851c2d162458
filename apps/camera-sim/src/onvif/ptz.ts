/**
 * The PTZ service (ONVIF PTZ 5): a controller around the pure model that keeps presets and home,
 * and repaints the picture while the camera moves (10 times a second, and once when it stops).
 */
import type { Handler } from './device.js';
import { HOME, PtzModel, type PtzPosition } from './ptzModel.js';
import { fault, isoTime, parseDuration } from './soap.js';
import { attr, child, text, type XmlValue } from '@cctv/safe-xml';
import { escapeXml } from '@cctv/safe-xml';

export interface Preset {
  token: string;
  name: string;
  position: PtzPosition;
}

const MAX_PRESETS = 100;
const REPAINT_MS = 100;

export class PtzController {
  readonly model: PtzModel;
  private home: PtzPosition = { ...HOME };
  private readonly presets = new Map<string, Preset>();
  private nextPreset = 1;
  private timer: NodeJS.Timeout | undefined;
  private last = '';

  constructor(
    private readonly o: {
      now: () => number;
      ignoreTimeout: () => boolean;
      /** Called with the new position whenever it changed. */
      onPosition: (p: PtzPosition) => void;
    },
  ) {
    this.model = new PtzModel(o.now());
  }

  position(): PtzPosition {
    return this.model.position(this.o.now());
  }

  moving(): boolean {
    return this.model.moving(this.o.now());
  }

  continuous(v: PtzPosition, timeoutMs: number | null): void {
    this.model.continuous(this.o.now(), v, timeoutMs, this.o.ignoreTimeout());
    this.track();
  }

  stop(panTilt = true, zoom = true): void {
    this.model.stop(this.o.now(), panTilt, zoom);
    this.track();
  }

  absolute(to: Partial<PtzPosition>): void {
    this.model.absolute(this.o.now(), to);
    this.track();
  }

  relative(by: Partial<PtzPosition>): void {
    this.model.relative(this.o.now(), by);
    this.track();
  }

  goHome(): void {
    this.absolute(this.home);
  }

  setHome(): void {
    this.home = this.position();
  }

  setPreset(name: string | undefined, token: string | undefined): Preset | null {
    const existing = token ? this.presets.get(token) : undefined;
    if (token && !existing) return null;
    if (!existing && this.presets.size >= MAX_PRESETS) return null;
    const t = existing?.token ?? `preset-${this.nextPreset++}`;
    const preset = { token: t, name: name ?? existing?.name ?? t, position: this.position() };
    this.presets.set(t, preset);
    return preset;
  }

  listPresets(): Preset[] {
    return [...this.presets.values()];
  }

  gotoPreset(token: string): boolean {
    const p = this.presets.get(token);
    if (p) this.absolute(p.position);
    return p !== undefined;
  }

  removePreset(token: string): boolean {
    return this.presets.delete(token);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Repaints now, and keeps repainting while the model moves. */
  private track(): void {
    this.publish();
    if (this.moving() && !this.timer) {
      this.timer = setInterval(() => {
        this.publish();
        if (!this.moving()) this.dispose();
      }, REPAINT_MS);
      this.timer.unref();
    }
  }

  private publish(): void {
    const p = this.position();
    const key = `${p.pan.toFixed(4)},${p.tilt.toFixed(4)},${p.zoom.toFixed(4)}`;
    if (key === this.last) return;
    this.last = key;
    this.o.onPosition(p);
  }
}

function vector(node: XmlValue | undefined): Partial<PtzPosition> {
  const out: Partial<PtzPosition> = {};
  const pt = child(node, 'PanTilt');
  const z = child(node, 'Zoom');
  const num = (s: string | undefined): number | undefined => {
    const n = s === undefined ? Number.NaN : Number(s);
    return Number.isFinite(n) ? n : undefined;
  };
  const pan = num(attr(pt, 'x'));
  const tilt = num(attr(pt, 'y'));
  const zoom = num(attr(z, 'x'));
  if (pan !== undefined) out.pan = pan;
  if (tilt !== undefined) out.tilt = tilt;
  if (zoom !== undefined) out.zoom = zoom;
  return out;
}

function positionXml(p: PtzPosition): string {
  return (
    `<tt:PanTilt x="${p.pan.toFixed(4)}" y="${p.tilt.toFixed(4)}" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"/>` +
    `<tt:Zoom x="${p.zoom.toFixed(4)}" space="http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace"/>`
  );
}

const badArg = (reason: string) => fault('s:Sender', 'ter:InvalidArgVal', reason);

export const ptzHandlers: Record<string, Handler> = {
  ContinuousMove: (req, ctx) => {
    const v = vector(child(req, 'Velocity'));
    const timeoutText = text(req, 'Timeout');
    const timeout = timeoutText === undefined ? null : parseDuration(timeoutText);
    if (timeoutText !== undefined && timeout === null) return badArg('Timeout is not a duration');
    ctx.ptz.continuous({ pan: v.pan ?? 0, tilt: v.tilt ?? 0, zoom: v.zoom ?? 0 }, timeout);
    return '<tptz:ContinuousMoveResponse/>';
  },
  Stop: (req, ctx) => {
    const pt = text(req, 'PanTilt');
    const z = text(req, 'Zoom');
    const both = pt === undefined && z === undefined;
    ctx.ptz.stop(both || pt === 'true', both || z === 'true');
    return '<tptz:StopResponse/>';
  },
  AbsoluteMove: (req, ctx) => {
    ctx.ptz.absolute(vector(child(req, 'Position')));
    return '<tptz:AbsoluteMoveResponse/>';
  },
  RelativeMove: (req, ctx) => {
    ctx.ptz.relative(vector(child(req, 'Translation')));
    return '<tptz:RelativeMoveResponse/>';
  },
  GotoHomePosition: (_req, ctx) => {
    ctx.ptz.goHome();
    return '<tptz:GotoHomePositionResponse/>';
  },
  SetHomePosition: (_req, ctx) => {
    ctx.ptz.setHome();
    return '<tptz:SetHomePositionResponse/>';
  },
  SetPreset: (req, ctx) => {
    const name = text(req, 'PresetName');
    if (name !== undefined && name.length > 64) return badArg('PresetName longer than 64 characters');
    const preset = ctx.ptz.setPreset(name, text(req, 'PresetToken'));
    if (!preset) return fault('s:Sender', 'ter:TooManyPresets', 'no such preset token, or no room for another preset');
    return `<tptz:SetPresetResponse><tptz:PresetToken>${preset.token}</tptz:PresetToken></tptz:SetPresetResponse>`;
  },
  GetPresets: (_req, ctx) =>
    `<tptz:GetPresetsResponse>${ctx.ptz
      .listPresets()
      .map(
        (p) =>
          `<tptz:Preset token="${p.token}"><tt:Name>${escapeXml(p.name)}</tt:Name><tt:PTZPosition>${positionXml(p.position)}</tt:PTZPosition></tptz:Preset>`,
      )
      .join('')}</tptz:GetPresetsResponse>`,
  GotoPreset: (req, ctx) =>
    ctx.ptz.gotoPreset(text(req, 'PresetToken') ?? '')
      ? '<tptz:GotoPresetResponse/>'
      : fault('s:Sender', 'ter:NoSuchPreset', 'no such preset'),
  RemovePreset: (req, ctx) =>
    ctx.ptz.removePreset(text(req, 'PresetToken') ?? '')
      ? '<tptz:RemovePresetResponse/>'
      : fault('s:Sender', 'ter:NoSuchPreset', 'no such preset'),
  GetStatus: (_req, ctx) => {
    const moving = ctx.ptz.moving() ? 'MOVING' : 'IDLE';
    return (
      `<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position>${positionXml(ctx.ptz.position())}</tt:Position>` +
      `<tt:MoveStatus><tt:PanTilt>${moving}</tt:PanTilt><tt:Zoom>${moving}</tt:Zoom></tt:MoveStatus>` +
      `<tt:UtcTime>${isoTime(ctx.now())}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`
    );
  },
  GetNodes: () =>
    `<tptz:GetNodesResponse><tptz:PTZNode token="ptz-node" FixedHomePosition="false"><tt:Name>PTZ</tt:Name>` +
    `<tt:MaximumNumberOfPresets>${MAX_PRESETS}</tt:MaximumNumberOfPresets><tt:HomeSupported>true</tt:HomeSupported></tptz:PTZNode></tptz:GetNodesResponse>`,
};
