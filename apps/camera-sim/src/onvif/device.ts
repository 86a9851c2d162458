/**
 * Device and Media service handlers (ONVIF Device Management 8, Media 5). Each returns the body of
 * the response or a SOAP fault.
 */
import type { OnvifContext, ProfileInfo } from './context.js';
import { fault, type SoapFault } from './soap.js';
import { text, type XmlValue } from '@cctv/safe-xml';
import { escapeXml } from '@cctv/safe-xml';

export type Handler = (request: XmlValue, ctx: OnvifContext) => string | SoapFault | Promise<string | SoapFault>;

export const MANUFACTURER = 'CCTV-Sim';
export const MODEL = 'SimCam PTZ 1080';
export const FIRMWARE = '1.0.0';

function dateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`
  );
}

const services = (base: string): Array<[string, string, string]> => [
  ['http://www.onvif.org/ver10/device/wsdl', `${base}/onvif/device_service`, 'tds'],
  ['http://www.onvif.org/ver10/media/wsdl', `${base}/onvif/media_service`, 'trt'],
  ['http://www.onvif.org/ver20/ptz/wsdl', `${base}/onvif/ptz_service`, 'tptz'],
  ['http://www.onvif.org/ver10/events/wsdl', `${base}/onvif/events_service`, 'tev'],
];

export const deviceHandlers: Record<string, Handler> = {
  GetSystemDateAndTime: (_req, ctx) =>
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>` +
    `<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>` +
    `<tt:UTCDateTime>${dateTime(ctx.now())}</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`,

  GetDeviceInformation: (_req, ctx) =>
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${MANUFACTURER}</tds:Manufacturer><tds:Model>${MODEL}</tds:Model>` +
    `<tds:FirmwareVersion>${FIRMWARE}</tds:FirmwareVersion><tds:SerialNumber>${ctx.serialNumber}</tds:SerialNumber>` +
    `<tds:HardwareId>${ctx.hardwareId}</tds:HardwareId></tds:GetDeviceInformationResponse>`,

  GetCapabilities: (_req, ctx) => {
    const b = ctx.baseUrl();
    return (
      `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
      `<tt:Device><tt:XAddr>${b}/onvif/device_service</tt:XAddr></tt:Device>` +
      `<tt:Events><tt:XAddr>${b}/onvif/events_service</tt:XAddr><tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>` +
      `<tt:WSPullPointSupport>true</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>` +
      `<tt:Media><tt:XAddr>${b}/onvif/media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>` +
      `<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
      `<tt:PTZ><tt:XAddr>${b}/onvif/ptz_service</tt:XAddr></tt:PTZ>` +
      `</tds:Capabilities></tds:GetCapabilitiesResponse>`
    );
  },

  GetServices: (_req, ctx) =>
    `<tds:GetServicesResponse>` +
    services(ctx.baseUrl())
      .map(
        ([ns, xaddr]) =>
          `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${xaddr}</tds:XAddr>` +
          `<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>`,
      )
      .join('') +
    `</tds:GetServicesResponse>`,

  GetNetworkInterfaces: () =>
    `<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled>` +
    `<tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>02:00:00:00:00:01</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>` +
    `<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual><tt:Address>127.0.0.1</tt:Address><tt:PrefixLength>8</tt:PrefixLength></tt:Manual>` +
    `<tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>`,
};

function profileXml(p: ProfileInfo, withPtz: boolean): string {
  return (
    `<trt:Profiles token="${p.token}" fixed="true"><tt:Name>${escapeXml(p.name)}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="vsc"><tt:Name>VideoSource</tt:Name><tt:UseCount>2</tt:UseCount>` +
    `<tt:SourceToken>VideoSource_1</tt:SourceToken><tt:Bounds x="0" y="0" width="${p.width}" height="${p.height}"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="vec-${p.token}"><tt:Name>${p.token}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>${p.encoding}</tt:Encoding><tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
    `<tt:BitrateLimit>${p.bitrateKbps}</tt:BitrateLimit></tt:RateControl><tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>` +
    (withPtz
      ? `<tt:PTZConfiguration token="ptz"><tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount><tt:NodeToken>ptz-node</tt:NodeToken>` +
        `<tt:DefaultPTZTimeout>PT10S</tt:DefaultPTZTimeout></tt:PTZConfiguration>`
      : '') +
    `</trt:Profiles>`
  );
}

function profileOf(req: XmlValue, ctx: OnvifContext): ProfileInfo | SoapFault {
  const token = text(req, 'ProfileToken');
  const p = ctx.profiles().find((x) => x.token === token);
  return p ?? fault('s:Sender', 'ter:NoProfile', `no profile "${token ?? ''}"`);
}

export const mediaHandlers: Record<string, Handler> = {
  GetProfiles: (_req, ctx) =>
    `<trt:GetProfilesResponse>${ctx
      .profiles()
      .map((p) => profileXml(p, true))
      .join('')}</trt:GetProfilesResponse>`,

  GetProfile: (req, ctx) => {
    const p = profileOf(req, ctx);
    return 'token' in p
      ? `<trt:GetProfileResponse>${profileXml(p, true).replace(/trt:Profiles/g, 'trt:Profile')}</trt:GetProfileResponse>`
      : p;
  },

  GetVideoSources: (_req, ctx) => {
    const main = ctx.profiles()[0]!;
    return (
      `<trt:GetVideoSourcesResponse><trt:VideoSources token="VideoSource_1"><tt:Framerate>${main.fps}</tt:Framerate>` +
      `<tt:Resolution><tt:Width>${main.width}</tt:Width><tt:Height>${main.height}</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>`
    );
  },

  GetStreamUri: (req, ctx) => {
    const p = profileOf(req, ctx);
    if (!('token' in p)) return p;
    return (
      `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${escapeXml(p.rtspUrl)}</tt:Uri>` +
      `<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>` +
      `<tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>`
    );
  },

  GetSnapshotUri: (req, ctx) => {
    const p = profileOf(req, ctx);
    if (!('token' in p)) return p;
    return (
      `<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>${ctx.baseUrl()}/onvif/snapshot/${p.token}.jpg</tt:Uri>` +
      `<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>` +
      `<tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetSnapshotUriResponse>`
    );
  },
};
