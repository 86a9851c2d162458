/**
 * The camera's clock, read unauthenticated (GetSystemDateAndTime must answer without credentials,
 * ONVIF Core 5.9.1) before anything else, so WS-Security timestamps can be written in the camera's
 * time. Pure parsing here; the call is made by the device.
 */
import { child, text, type XmlNode } from '@cctv/safe-xml';

export const GET_SYSTEM_DATE_AND_TIME = '<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>';

/** The camera's UTC time in ms from a GetSystemDateAndTimeResponse; null when it does not say. */
export function readCameraTime(doc: XmlNode): number | null {
  const sdt = child(doc, 'Envelope', 'Body', 'GetSystemDateAndTimeResponse', 'SystemDateAndTime');
  const utc = child(sdt, 'UTCDateTime');
  if (!utc) return null;
  const n = (...path: string[]): number => Number(text(utc, ...path));
  const ms = Date.UTC(
    n('Date', 'Year'),
    n('Date', 'Month') - 1,
    n('Date', 'Day'),
    n('Time', 'Hour'),
    n('Time', 'Minute'),
    n('Time', 'Second'),
  );
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Offset to add to our clock to get the camera's. The answer was written somewhere between sending
 * and receiving, so the midpoint is the best guess; the camera gives whole seconds, so offsets under
 * a second are noise and are taken as zero.
 */
export function clockOffset(cameraMs: number, sentMs: number, receivedMs: number): number {
  // +500: the camera truncates to the second, so its true time is half a second later on average.
  const offset = cameraMs + 500 - (sentMs + receivedMs) / 2;
  return Math.abs(offset) < 1000 ? 0 : Math.round(offset);
}
