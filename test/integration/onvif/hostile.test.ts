/**
 * Hostile and broken cameras: a tiny HTTP server on loopback (not the simulator: it plays a camera
 * that attacks or breaks) answers with an XXE payload, an entity-expansion bomb, 5 MB, a body that
 * trickles forever, or nothing at all. Each must give a clear typed error, quickly, with no crash.
 */
import { createServer, type Server } from 'node:http';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectOnvifDevice,
  isOnvifError,
  probeUnicast,
  type OnvifErrorCode,
} from '../../../apps/ingest/src/onvif/index';

const XXE =
  '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x>&xxe;</x></s:Body></s:Envelope>';
const LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
  ']><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x>&lol9;</x></s:Body></s:Envelope>';

let server: Server;
let base: string;
const hung: Array<() => void> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const path = req.url ?? '';
    const soap = { 'Content-Type': 'application/soap+xml' };
    if (path === '/xxe') return res.writeHead(200, soap).end(XXE);
    if (path === '/laughs') return res.writeHead(200, soap).end(LAUGHS);
    if (path === '/garbage') return res.writeHead(200, soap).end('<s:Envelope><s:Body><unclosed></s:Body>');
    if (path === '/html')
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>login</body></html>');
    if (path === '/huge') {
      res.writeHead(200, soap);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let i = 0; i < 80; i++) res.write(chunk); // 5 MB, no Content-Length
      return res.end();
    }
    if (path === '/trickle') {
      res.writeHead(200, soap);
      const t = setInterval(() => res.write('<'), 100);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (path === '/hang') return hung.push(() => res.destroy());
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  hung.forEach((f) => f());
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('a hostile or broken camera', () => {
  it.each<[string, OnvifErrorCode]>([
    ['/xxe', 'hostileXml'],
    ['/laughs', 'hostileXml'],
    ['/garbage', 'malformed'],
    ['/html', 'malformed'],
    ['/huge', 'tooLarge'],
    ['/trickle', 'timeout'],
    ['/hang', 'timeout'],
  ])('%s gives %s within the deadline', async (path, code) => {
    const started = Date.now();
    const err = await connectOnvifDevice({
      url: `${base}${path}`,
      credentials: { username: 'u', password: 'p' },
      timeoutMs: 1500,
    }).catch((e: unknown) => e);
    expect(isOnvifError(err, code), String(err)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a closed port gives unreachable', async () => {
    const err = await connectOnvifDevice({
      url: 'http://127.0.0.1:1/onvif/device_service',
      credentials: { username: 'u', password: 'p' },
    }).catch((e: unknown) => e);
    expect(isOnvifError(err, 'unreachable')).toBe(true);
  });

  it('hostile WS-Discovery answers are dropped and counted, not parsed', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    socket.on('message', (_msg, rinfo) => {
      socket.send(LAUGHS, rinfo.port, rinfo.address);
      socket.send(XXE, rinfo.port, rinfo.address);
      socket.send('not xml at all', rinfo.port, rinfo.address);
    });
    try {
      const result = await probeUnicast([{ host: '127.0.0.1', port: socket.address().port }], { timeoutMs: 500 });
      expect(result.devices).toEqual([]);
      expect(result.ignored).toBe(3);
    } finally {
      socket.close();
    }
  });
});
