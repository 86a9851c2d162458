import { z } from 'zod';
import { streamIdSchema, type StreamId } from './streams';

/**
 * Sent to a subscriber before any frame, and again whenever the codec configuration changes
 * (a camera restarted with another resolution). `description` is the AVCDecoderConfigurationRecord,
 * as WebCodecs `VideoDecoderConfig.description` wants it.
 */
export interface StreamConfigured {
  streamId: StreamId;
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
  streamId: StreamId;
  seq: number;
  /** Presentation time in milliseconds, from the source's clock. */
  pts: number;
  key: boolean;
  data: Uint8Array | ArrayBuffer;
}

/** A slow subscriber was skipped ahead to the next keyframe. */
export interface StreamFramesDropped {
  streamId: StreamId;
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
export const frameAckSchema = z.object({ streamId: streamIdSchema, seq: z.number().int().nonnegative() }).strict();
/** Payload of `stream:acknowledge`. */
export type FrameAck = z.infer<typeof frameAckSchema>;
