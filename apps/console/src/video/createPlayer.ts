import { hasMse, MsePlayer } from './mse/msePlayer';
import type { PlayerFactory } from './player';
import { hasWebCodecs, WebCodecsPlayer } from './webcodecsPlayer';

export type DecoderChoice = 'auto' | 'webcodecs' | 'mse';

/** Which decoder a choice resolves to here; null when the browser has neither. */
export function resolveDecoder(
  choice: DecoderChoice,
  env: { webcodecs: boolean; mse: boolean },
): 'webcodecs' | 'mse' | null {
  if (choice === 'mse') return env.mse ? 'mse' : env.webcodecs ? 'webcodecs' : null;
  if (env.webcodecs) return 'webcodecs';
  return env.mse ? 'mse' : null;
}

export function playerFactory(choice: DecoderChoice): { kind: 'webcodecs' | 'mse' | null; create: PlayerFactory } {
  const kind = resolveDecoder(choice, { webcodecs: hasWebCodecs(), mse: hasMse() });
  const create: PlayerFactory = (cb) => (kind === 'mse' ? new MsePlayer(cb) : new WebCodecsPlayer(cb));
  return { kind, create };
}
