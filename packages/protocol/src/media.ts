import { z } from 'zod';
import { feedIdSchema, type FeedId } from './recording';
import { streamIdSchema } from './streams';

/**
 * Sent to a subscriber before any frame, and again whenever the codec configuration changes
 * (a camera restarted with another resolution). `description` is the AVCDecoderConfigurationRecord,
 * as WebCodecs `VideoDecoderConfig.description` wants it.
 */
export interface StreamConfigured {
  /** The live stream or the playback this configuration is for. */
  streamId: FeedId;
  /** WebCodecs / MSE codec string, for example `avc1.64001f`. */
  codec: string;
  width: number;
  height: number;
  description: Uint8Array | ArrayBuffer;
}

/**
 * One access unit. `data` is binary (AVCC: length-prefixed NAL units), never JSON.
 * `seq` increases by one per frame of a stream; a gap means frames were dropped.
 */
export interface StreamFrame {
  /** The live stream or the playback the frame belongs to. */
  streamId: FeedId;
  seq: number;
  /** Presentation time in milliseconds: the source's clock for live, wall-clock UTC for playback. */
  pts: number;
  key: boolean;
  data: Uint8Array | ArrayBuffer;
  /** Playback: decode it (a later frame needs it) but do not show it (a seek lands after it). */
  decodeOnly?: boolean;
}

/** A slow subscriber was skipped ahead to the next keyframe. */
export interface StreamFramesDropped {
  streamId: FeedId;
  /** How many frames this subscriber did not get. */
  count: number;
  /** The keyframe the subscriber resumes at. */
  resumeSeq: number;
}

export const subscribeSchema = z.object({ streamId: streamIdSchema }).strict();
/** Payload of `stream:subscribe`. */
export type SubscribeRequest = z.infer<typeof subscribeSchema>;

export const unsubscribeSchema = z.object({ streamId: streamIdSchema }).strict();
/** Payload of `stream:unsubscribe`. */
export type UnsubscribeRequest = z.infer<typeof unsubscribeSchema>;

/**
 * Flow control: the console acknowledges the newest frame it has received on a stream. The server
 * keeps at most a bounded window of unacknowledged frames per subscriber.
 */
export const frameAckSchema = z.object({ streamId: feedIdSchema, seq: z.number().int().nonnegative() }).strict();
/** Payload of `stream:acknowledge`. */
export type FrameAck = z.infer<typeof frameAckSchema>;
