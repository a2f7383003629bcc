/**
 * Frames of the browser-mode carrier (loopback WebSocket). Layer: common.
 */
import { z } from 'zod';

/** The largest frame either side accepts (bytes). */
export const MAX_FRAME_BYTES = 64 * 1024;
export const WS_PATH = '/api';

export const ClientFrame = z
  .object({ t: z.literal('call'), id: z.number().int().nonnegative(), method: z.string().max(64), params: z.unknown() })
  .strict();
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int().nonnegative().nullable(), envelope: z.unknown() }),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
