import { describe, expect, it } from 'vitest';
import { buildProbe, describe as describeScopes, parseTargets } from './discovery';
import { classifyTopic } from './eventMessages';
import { clockOffset } from './clock';
import { parseXml } from '@cctv/safe-xml';

describe('parseTargets', () => {
  it.each([
    ['10.0.0.5', ['10.0.0.5:3702']],
    ['10.0.0.5:8000', ['10.0.0.5:8000']],
    ['127.0.0.1:3702-3704', ['127.0.0.1:3702', '127.0.0.1:3703', '127.0.0.1:3704']],
    ['10.0.0.1-10.0.0.3', ['10.0.0.1:3702', '10.0.0.2:3702', '10.0.0.3:3702']],
    ['10.0.0.0/30', ['10.0.0.1:3702', '10.0.0.2:3702']],
    ['10.0.0.7/32', ['10.0.0.7:3702']],
    ['10.0.0.1, 10.0.0.2:9', ['10.0.0.1:3702', '10.0.0.2:9']],
  ])('%s', (spec, expected) => expect(parseTargets(spec).map((t) => `${t.host}:${t.port}`)).toEqual(expected));

  it.each([
    ['10.0.0.256', /not an IPv4 address/],
    ['host.example', /not an address/],
    ['10.0.0.0/8', /\/20 to \/32/],
    ['10.0.0.9-10.0.0.1', /ends before it starts/],
    ['10.0.0.1:9-3', /bad port range/],
    ['10.0.0.1:1-65535', /more than 4096/],
  ])('rejects %s', (spec, message) => expect(() => parseTargets(spec)).toThrow(message));
});

describe('scopes', () => {
  it('decodes name, make, model and location and leaves unknown make out', () => {
    expect(
      describeScopes([
        'onvif://www.onvif.org/name/Gate%20North',
        'onvif://www.onvif.org/hardware/X1',
        'onvif://www.onvif.org/location/a+b',
      ]),
    ).toEqual({ name: 'Gate North', model: 'X1', location: 'a b' });
  });
  it('keeps a badly escaped scope as it is', () => {
    expect(describeScopes(['onvif://www.onvif.org/name/100%'])).toEqual({ name: '100%' });
  });
});

describe('probe', () => {
  it('is well-formed and asks for video transmitters', () => {
    const xml = buildProbe('urn:uuid:x');
    expect(parseXml(xml).ok).toBe(true);
    expect(xml).toContain('<d:Types>dn:NetworkVideoTransmitter</d:Types>');
  });
});

describe('classifyTopic', () => {
  it.each([
    ['tns1:VideoSource/MotionAlarm', 'motion'],
    ['ns0:VideoSource/MotionAlarm', 'motion'],
    ['tns1:RuleEngine/CellMotionDetector/Motion', 'motion'],
    ['tns1:VideoSource/GlobalSceneChange/ImagingService', 'tamper'],
    ['tns1:RuleEngine/TamperDetector/Tamper', 'tamper'],
    ['tns1:Device/Trigger/DigitalInput', null],
  ])('%s -> %s', (topic, kind) => expect(classifyTopic(topic)).toBe(kind));
});

describe('clockOffset', () => {
  it.each([
    // camera (whole seconds), sent, received, offset
    [10_000, 10_000, 10_040, 0], // same clock: noise under a second is zero
    [610_000, 10_000, 10_040, 600_480],
    [0, 300_000, 300_200, -299_600],
  ])('camera %d, sent %d, received %d -> %d', (camera, sent, received, offset) =>
    expect(clockOffset(camera, sent, received)).toBe(offset),
  );
});
