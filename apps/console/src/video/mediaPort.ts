import type {
  Result,
  StreamConfigured,
  StreamFrame,
  StreamFramesDropped,
  StreamId,
  StreamStatus,
} from '@cctv/protocol';

/** What the video engine needs from the media namespace; `src/transport/` implements it over Socket.IO. */
export interface MediaPort {
  subscribe(streamId: StreamId): Promise<Result<StreamStatus>>;
  unsubscribe(streamId: StreamId): Promise<Result<null>>;
  acknowledge(streamId: StreamId, seq: number): void;
  /** Subscribing is deferred while the media namespace is down; `MediaSink.connected` catches up. */
  readonly connected: boolean;
}

/** Media notifications, routed to the engine by the transport. */
export interface MediaSink {
  configured(config: StreamConfigured): void;
  frame(frame: StreamFrame): void;
  framesDropped(info: StreamFramesDropped): void;
  /** The media namespace connected (first time or again): every stream must be subscribed (again). */
  connected(): void;
}
