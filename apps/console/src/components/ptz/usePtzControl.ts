import { useEffect, useRef } from 'react';
import { gamepadVelocity } from '../../features/ptz/gamepad';
import { PtzController, TICK_MS } from '../../features/ptz/ptzController';
import { ZERO, type Velocity } from '../../features/ptz/ptzDriver';
import { keysVelocity, ptzKeyDown, ptzKeyUp, type PtzKey } from '../../features/ptz/ptzKeys';
import { useConsoleStoreApi } from '../../store/StoreContext';

function inField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Steers `cameraId` (null: nothing steerable on the selected tile) from the keyboard, a USB joystick
 * (Gamepad API, polled every animation frame) and the on-screen joystick (through the returned `set`).
 * A moving camera is stopped on release, on blur, when the page is hidden, on another tile or camera,
 * and when this unmounts.
 */
export function usePtzControl(cameraId: string | null): (source: string, v: Velocity) => void {
  const store = useConsoleStoreApi();
  const ref = useRef<PtzController | null>(null);
  ref.current ??= new PtzController({
    move: (id, v) => void store.getState().ptzMove(id, v),
    stop: (id) => void store.getState().ptzStop(id),
    now: () => performance.now(),
  });
  const controller = ref.current;

  useEffect(() => {
    controller.setCamera(cameraId);
  }, [controller, cameraId]);

  useEffect(() => () => controller.setCamera(null), [controller]);

  useEffect(() => {
    if (cameraId === null) return;
    const held = new Set<PtzKey>();
    const onDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || inField(e.target) || store.getState().helpOpen) return;
      const k = ptzKeyDown(e);
      if (!k) return;
      // Captured before the wall's shortcuts (Shift+arrows would otherwise move the selection).
      e.preventDefault();
      e.stopImmediatePropagation();
      if (held.has(k)) return; // key repeat: the driver re-sends by itself
      held.add(k);
      controller.set('keys', keysVelocity(held));
    };
    const onUp = (e: KeyboardEvent) => {
      const k = ptzKeyUp(e);
      if (!k || !held.delete(k)) return;
      e.preventDefault();
      controller.set('keys', keysVelocity(held));
    };
    const releaseAll = () => {
      held.clear();
      controller.release();
    };
    const onVisibility = () => document.visibilityState === 'hidden' && releaseAll();
    const timer = window.setInterval(() => controller.tick(), TICK_MS);
    let frame = 0;
    let padWasMoving = false;
    const poll = () => {
      const pads = typeof navigator.getGamepads === 'function' ? navigator.getGamepads() : [];
      const pad = pads.find((p) => p !== null && p.connected) ?? null;
      const v = gamepadVelocity(pad);
      const moving = v.pan !== 0 || v.tilt !== 0 || v.zoom !== 0;
      if (moving || padWasMoving) controller.set('gamepad', v);
      padWasMoving = moving;
      frame = requestAnimationFrame(poll);
    };
    frame = requestAnimationFrame(poll);
    window.addEventListener('keydown', onDown, true);
    window.addEventListener('keyup', onUp, true);
    window.addEventListener('blur', releaseAll);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      cancelAnimationFrame(frame);
      window.removeEventListener('keydown', onDown, true);
      window.removeEventListener('keyup', onUp, true);
      window.removeEventListener('blur', releaseAll);
      document.removeEventListener('visibilitychange', onVisibility);
      controller.set('keys', ZERO);
      controller.set('gamepad', ZERO);
    };
  }, [controller, cameraId, store]);

  return (source, v) => controller.set(source, v);
}
