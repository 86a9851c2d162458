import type { MediaClientToServer, MediaServerToClient, StreamId, StreamStatus } from '@cctv/protocol';
import { liveMediaCommands, mediaCommands, mediaMessages, parseStreamId } from '@cctv/protocol';
import type { Namespace, Socket } from 'socket.io';
import type { AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import type { SocketData } from '../socket/socketData';
import type { Frame } from '../streams/gopCache';
import type { SourceConfig, StreamSource } from '../streams/streamSource';
import type { StreamSupervisor } from '../streams/supervisor';
import { CommandFailure, onMessage, refuseUnknownEvents, registerCommands } from '../socket/commands';
import { defaultWindow, SubscriberWindow, type WindowPolicy } from './flowControl';

type MediaSocket = Socket<MediaClientToServer, MediaServerToClient, Record<string, never>, SocketData>;

interface Subscription {
  socket: MediaSocket;
  window: SubscriberWindow;
}

interface StreamFanout {
  subs: Set<Subscription>;
  droppedFrames: number;
  detach: () => void;
}

/**
 * Fans each stream's frames out to its subscribers on the media namespace. One pull per stream, however
 * many viewers; every subscriber has its own bounded window, so a slow client is skipped ahead to a
 * keyframe instead of slowing the others or growing the server's memory.
 */
export class MediaFanout {
  private readonly streams = new Map<StreamId, StreamFanout>();

  constructor(
    private readonly nsp: Namespace<MediaClientToServer, MediaServerToClient, Record<string, never>, SocketData>,
    private readonly supervisor: StreamSupervisor,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly window: WindowPolicy = defaultWindow,
  ) {
    nsp.on('connection', (socket) => this.onConnection(socket));
    supervisor.on('state', (status) => this.nsp.to(status.streamId).emit('stream:stateChanged', status));
  }

  /** Viewers and frames dropped for slow viewers, per stream. */
  figures(streamId: StreamId): { viewers: number; droppedFrames: number } {
    const f = this.streams.get(streamId);
    return { viewers: f?.subs.size ?? 0, droppedFrames: f?.droppedFrames ?? 0 };
  }

  /** The most any one subscriber of the stream has in flight: what a slow client costs the server. */
  largestBacklog(streamId: StreamId): { frames: number; bytes: number } {
    let worst = { frames: 0, bytes: 0 };
    for (const sub of this.streams.get(streamId)?.subs ?? [])
      if (sub.window.pending.bytes > worst.bytes) worst = sub.window.pending;
    return worst;
  }

  private onConnection(socket: MediaSocket): void {
    const mine = new Map<StreamId, Subscription>();
    const door = { audit: this.audit, log: this.log };
    registerCommands(
      socket,
      liveMediaCommands,
      {
        'stream:subscribe': ({ streamId }) => this.subscribe(socket, mine, streamId),
        'stream:unsubscribe': ({ streamId }) => {
          this.unsubscribe(mine, streamId);
          return null;
        },
      },
      door,
    );
    onMessage(
      socket,
      'stream:acknowledge',
      mediaMessages['stream:acknowledge'],
      ({ streamId, seq }) => {
        mine.get(streamId)?.window.acknowledge(seq);
      },
      door,
    );
    refuseUnknownEvents(socket, [...Object.keys(mediaCommands), ...Object.keys(mediaMessages)]);
    socket.on('disconnect', () => {
      for (const streamId of [...mine.keys()]) this.unsubscribe(mine, streamId);
    });
  }

  private subscribe(socket: MediaSocket, mine: Map<StreamId, Subscription>, streamId: StreamId): StreamStatus {
    if (!this.supervisor.has(streamId)) throw new CommandFailure('NOT_FOUND', `No stream "${streamId}".`);
    const existing = mine.get(streamId);
    const source = existing ? this.supervisor.source(streamId)! : this.supervisor.acquire(streamId);
    if (existing) return source.status();
    const sub: Subscription = { socket, window: new SubscriberWindow(this.window) };
    mine.set(streamId, sub);
    void socket.join(streamId);
    // Synchronous from here to the add below, so no live frame can slip between the catch-up and the set.
    const { config, frames } = source.catchUp();
    if (config) {
      socket.emit('stream:configured', configMessage(streamId, config));
      for (const frame of frames) this.deliver(this.fanoutOf(source), sub, streamId, frame);
    }
    this.fanoutOf(source).subs.add(sub);
    this.audit.append(socket.data.actor, 'live.viewStarted', { cameraId: source.status().cameraId, target: streamId });
    this.log.info({ stream: streamId, socket: socket.id, cached: frames.length }, 'viewer subscribed');
    return source.status();
  }

  private unsubscribe(mine: Map<StreamId, Subscription>, streamId: StreamId): void {
    const sub = mine.get(streamId);
    if (!sub) return;
    mine.delete(streamId);
    void sub.socket.leave(streamId);
    const f = this.streams.get(streamId);
    f?.subs.delete(sub);
    if (f && f.subs.size === 0) {
      f.detach();
      this.streams.delete(streamId);
    }
    this.supervisor.release(streamId);
    this.audit.append(sub.socket.data.actor, 'live.viewStopped', {
      cameraId: parseStreamId(streamId).cameraId,
      target: streamId,
    });
    this.log.info({ stream: streamId, socket: sub.socket.id }, 'viewer unsubscribed');
  }

  /** One listener per stream (not per viewer), attached while the stream has viewers. */
  private fanoutOf(source: StreamSource): StreamFanout {
    let f = this.streams.get(source.id);
    if (f) return f;
    const onFrame = (frame: Frame): void => {
      for (const sub of f!.subs) this.deliver(f!, sub, source.id, frame);
    };
    const onConfigured = (config: SourceConfig): void => {
      const msg = configMessage(source.id, config);
      for (const sub of f!.subs) {
        sub.window.restart();
        sub.socket.emit('stream:configured', msg);
      }
    };
    source.on('frame', onFrame);
    source.on('configured', onConfigured);
    f = {
      subs: new Set(),
      droppedFrames: 0,
      detach: () => {
        source.off('frame', onFrame);
        source.off('configured', onConfigured);
      },
    };
    this.streams.set(source.id, f);
    return f;
  }

  private deliver(f: StreamFanout, sub: Subscription, streamId: StreamId, frame: Frame): void {
    const before = sub.window.totalDropped;
    const decision = sub.window.offer(frame);
    if (decision.action === 'drop') {
      f.droppedFrames += sub.window.totalDropped - before;
      return;
    }
    if (decision.action === 'resume') {
      sub.socket.emit('stream:framesDropped', { streamId, count: decision.dropped, resumeSeq: frame.seq });
    }
    sub.socket.emit('stream:frameArrived', {
      streamId,
      seq: frame.seq,
      pts: frame.pts,
      key: frame.key,
      data: frame.data,
    });
  }
}

function configMessage(streamId: StreamId, config: SourceConfig) {
  return {
    streamId,
    codec: config.avc.codec,
    width: config.avc.width,
    height: config.avc.height,
    description: config.record,
  };
}
