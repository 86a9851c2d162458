import { describe, expect, it } from 'vitest';
import { OnvifError } from '../onvif/index';
import { CommandFailure } from '../socket/commands';
import { idFromName, normaliseDeviceUrl, onboardingFailure } from './onboarding';

describe('idFromName', () => {
  it.each([
    ['Market Square North', [], 'market-square-north'],
    ['  Café  Königsweg #3 ', [], 'cafe-konigsweg-3'],
    ['***', [], 'camera'],
    ['Gate', ['gate'], 'gate-2'],
    ['Gate', ['gate', 'gate-2'], 'gate-3'],
  ])('%j → %s', (name, taken, expected) => {
    expect(idFromName(name, (id) => (taken as string[]).includes(id))).toBe(expected);
  });
});

describe('normaliseDeviceUrl', () => {
  it('refuses credentials inside the address', () => {
    expect(() => normaliseDeviceUrl('http://admin:pw@10.0.0.5/onvif/device_service')).toThrow(/own fields/);
  });
  it('normalises', () => {
    expect(normaliseDeviceUrl('HTTP://10.0.0.5:80/onvif/device_service')).toBe('http://10.0.0.5/onvif/device_service');
  });
});

describe('onboardingFailure', () => {
  it.each([
    ['notAuthorized', 'INVALID_PAYLOAD', /refused the user name or password/],
    ['timeout', 'TIMEOUT', /did not answer in time/],
    ['unreachable', 'UNAVAILABLE', /Nothing answers at 10\.0\.0\.5/],
    ['malformed', 'UNAVAILABLE', /did not answer as an ONVIF camera/],
  ] as const)('%s → %s', (code, expected, message) => {
    let caught: unknown;
    try {
      onboardingFailure(new OnvifError(code, 'x'), 'http://10.0.0.5/onvif/device_service');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CommandFailure);
    expect((caught as CommandFailure).code).toBe(expected);
    expect((caught as CommandFailure).message).toMatch(message);
  });
});
