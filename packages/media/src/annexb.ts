import { parseAvcDecoderConfig, splitAvcc } from './avc';

const START = Uint8Array.of(0, 0, 0, 1);

/** Annex B bytes (start codes) for a decoder configuration and AVCC frames: a raw .h264 stream. */
export function toAnnexB(record: Uint8Array, frames: Uint8Array[]): Uint8Array {
  const cfg = parseAvcDecoderConfig(record);
  const parts: Uint8Array[] = [];
  for (const nal of [...cfg.sps, ...cfg.pps]) parts.push(START, nal);
  for (const f of frames) for (const nal of splitAvcc(f, cfg.nalLengthSize)) parts.push(START, nal);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
