import {
  isPlaybackId,
  mediaMessages,
  playbackCommands,
  type MediaClientToServer,
  type MediaServerToClient,
  type PlaybackId,
  type PlaybackState,
} from '@cctv/protocol';
import type { Namespace, Socket } from 'socket.io';
import type { AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import type { RecordingService } from '../recording/recordingService';
import { CommandFailure, onMessage, registerCommands } from '../socket/commands';
import type { SocketData } from '../socket/socketData';
import type { StreamSupervisor } from '../streams/supervisor';
import { PlaybackClock } from './playbackClock';
import { PlaybackSession } from './playbackSession';

type MediaSocket = Socket<MediaClientToServer, MediaServerToClient, Record<string, never>, SocketData>;

/** More playbacks than a 4×4 wall needs twice over is a runaway console. */
const MAX_PER_CONSOLE = 32;

/**
 * Playback on the media namespace: `playback:start | control | stop`, each playback a feed of its own
 * (`pb.N`) that the console decodes like a live stream. Playbacks of one console can share a clock (a
 * locked wall). Every playback and what was watched is audited.
 */
export class PlaybackService {
  private nextClock = 1;
  private readonly all = new Set<PlaybackSession>();

  constructor(
    nsp: Namespace<MediaClientToServer, MediaServerToClient, Record<string, never>, SocketData>,
    private readonly recording: RecordingService | null,
    private readonly supervisor: StreamSupervisor,
    private readonly audit: AuditLog,
    private readonly log: Logger,
  ) {
    nsp.on('connection', (socket) => this.onConnection(socket));
  }

  /** Playbacks running now (for figures and tests). */
  get count(): number {
    return this.all.size;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.all].map((s) => s.close('The service is stopping.')));
    this.all.clear();
  }

  private onConnection(socket: MediaSocket): void {
    const mine = new Map<PlaybackId, PlaybackSession>();
    const door = { audit: this.audit, log: this.log };
    const own = (id: PlaybackId): PlaybackSession => {
      const s = mine.get(id);
      if (!s) throw new CommandFailure('NOT_FOUND', `No playback ${id} on this console.`, 'playbackId');
      return s;
    };
    registerCommands(
      socket,
      playbackCommands,
      {
        'playback:start': async (req, ctx) => {
          const recording = this.recording;
          if (!recording) throw new CommandFailure('UNAVAILABLE', 'Recording is turned off on this service.');
          if (mine.has(req.playbackId))
            throw new CommandFailure(
              'CONFLICT',
              `This console already has a playback ${req.playbackId}.`,
              'playbackId',
            );
          if (mine.size >= MAX_PER_CONSOLE)
            throw new CommandFailure(
              'RATE_LIMITED',
              `A console may play at most ${MAX_PER_CONSOLE} recordings at once.`,
            );
          const camera = this.supervisor.cameras().find((c) => c.id === req.cameraId);
          if (!camera && recording.repo.extent(req.cameraId, recording.profile).oldest === null)
            throw new CommandFailure('NOT_FOUND', `There is no camera "${req.cameraId}".`, 'cameraId');
          const joined = req.syncWith ? own(req.syncWith).clock : null;
          const clock = joined ?? new PlaybackClock(`clock.${this.nextClock++}`, req.at, req.speed, req.paused);
          const id = req.playbackId;
          const session = new PlaybackSession({
            id,
            cameraId: req.cameraId,
            cameraName: camera?.name ?? req.cameraId,
            clock,
            source: recording.footage(),
            sink: socket,
            audit: this.audit,
            actor: ctx.actor,
            log: this.log,
          });
          // Known before its first frame goes out, so the console's acknowledgements find it.
          mine.set(id, session);
          this.all.add(session);
          try {
            await session.open(joined ? joined.position() : req.at);
          } catch (e) {
            mine.delete(id);
            this.all.delete(session);
            await session.close();
            throw e;
          }
          this.audit.append(ctx.actor, 'playback.started', {
            cameraId: req.cameraId,
            target: id,
            details: {
              at: joined ? Math.round(joined.position()) : req.at,
              speed: clock.speed,
              synced: joined !== null,
            },
          });
          return session.state();
        },
        'playback:control': async (req) => {
          const s = own(req.playbackId);
          const clock = s.clock;
          switch (req.command) {
            case 'play':
              clock.play();
              break;
            case 'pause':
              clock.pause();
              break;
            case 'seek':
              clock.seek(req.at);
              break;
            case 'speed':
              clock.setSpeed(req.speed);
              break;
            case 'step':
              if (req.direction === 1) await s.stepForward();
              else s.stepBack();
              break;
            case 'unsync':
              if (clock.members > 1)
                s.moveTo(new PlaybackClock(`clock.${this.nextClock++}`, clock.position(), clock.speed, clock.paused));
              break;
          }
          return s.state();
        },
        'playback:stop': async ({ playbackId }) => {
          const s = own(playbackId);
          mine.delete(playbackId);
          this.all.delete(s);
          await s.close();
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
        if (isPlaybackId(streamId)) mine.get(streamId)?.acknowledge(seq);
      },
      door,
    );
    socket.on('disconnect', () => {
      for (const s of mine.values()) {
        this.all.delete(s);
        void s.close();
      }
      mine.clear();
    });
  }

  /** Every playback running now (figures, tests). */
  states(): PlaybackState[] {
    return [...this.all].map((s) => s.state());
  }
}
