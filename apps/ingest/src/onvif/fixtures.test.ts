/**
 * The parsers against captured simulator answers and hand-written vendor-shaped answers
 * (test/fixtures/onvif/README.md says which is which).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCameraTime } from './clock';
import { parseProbeMatches } from './discovery';
import { readAlarms, readSubscriptionAddress } from './eventMessages';
import { isOnvifError } from './errors';
import { readSoapAnswer } from './transport';
import { parseXml, type XmlNode } from '@cctv/safe-xml';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../../test/fixtures/onvif/${name}`, import.meta.url), 'utf8');
const doc = (name: string): XmlNode => {
  const r = parseXml(fixture(name));
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
};

describe('ProbeMatches', () => {
  it.each([
    [
      'sim-ProbeMatches.xml',
      { name: 'Camera 1', make: 'CCTV-Sim', model: 'SimCam PTZ 1080', location: 'Simulated site' },
      1,
    ],
    [
      'hikvision-ProbeMatches.xml',
      { name: 'HIKVISION DS-2CD2143G2-I', model: 'DS-2CD2143G2-I', location: 'city/hangzhou' },
      2,
    ],
    ['axis-ProbeMatches.xml', { name: 'AXIS P3245-LV', make: 'AXIS', model: 'P3245-LV' }, 1],
  ])('%s', (name, described, xaddrs) => {
    const [d, ...rest] = parseProbeMatches(fixture(name), '192.0.2.1');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ address: '192.0.2.1', ...described });
    expect(d!.endpoint).toMatch(/^urn:uuid:/);
    expect(d!.xaddrs).toHaveLength(xaddrs);
    expect(d!.types).toContain('dn:NetworkVideoTransmitter');
  });
});

describe('GetSystemDateAndTime', () => {
  it('reads the simulator clock', () => {
    expect(readCameraTime(doc('sim-GetSystemDateAndTime.xml'))).toEqual(expect.any(Number));
  });
  it('reads UTC (not local time) from a Dahua-shaped answer', () => {
    expect(readCameraTime(doc('dahua-GetSystemDateAndTime.xml'))).toBe(Date.UTC(2024, 2, 1, 7, 5, 9));
  });
});

describe('events', () => {
  it('reads the subscription address', () => {
    expect(readSubscriptionAddress(doc('sim-CreatePullPointSubscription.xml'))).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/onvif\/subscription\/[0-9a-f-]{36}$/,
    );
  });
  it('reads motion and tamper from the simulator', () => {
    expect(readAlarms(doc('sim-PullMessages.xml'))).toEqual([
      expect.objectContaining({
        kind: 'motion',
        active: true,
        topic: 'tns1:VideoSource/MotionAlarm',
        source: 'VideoSource_1',
      }),
      expect.objectContaining({
        kind: 'tamper',
        active: true,
        topic: 'tns1:VideoSource/GlobalSceneChange/ImagingService',
      }),
    ]);
  });
  it('reads rule-engine motion and tamper, and skips other topics (Hikvision-shaped)', () => {
    expect(readAlarms(doc('hikvision-PullMessages.xml'))).toEqual([
      {
        kind: 'motion',
        active: true,
        cameraTime: '2024-03-01T07:05:09Z',
        topic: 'tns1:RuleEngine/CellMotionDetector/Motion',
        source: 'VideoSourceToken',
      },
      {
        kind: 'tamper',
        active: false,
        cameraTime: '2024-03-01T07:05:09Z',
        topic: 'tns1:RuleEngine/TamperDetector/Tamper',
        source: 'VideoSourceToken',
      },
    ]);
  });
});

describe('faults', () => {
  it.each([
    ['sim-fault-NotAuthorized.xml', 400],
    ['axis-fault-soap11-style.xml', 400],
  ])('%s is notAuthorized', (name, status) => {
    let err: unknown;
    try {
      readSoapAnswer(status, fixture(name));
    } catch (e) {
      err = e;
    }
    expect(isOnvifError(err, 'notAuthorized')).toBe(true);
  });
  it('a normal answer passes', () => {
    expect(readSoapAnswer(200, fixture('sim-GetProfiles.xml')).status).toBe(200);
  });
});
