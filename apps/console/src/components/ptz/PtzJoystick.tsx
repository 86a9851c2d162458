import { useRef, useState, type PointerEvent } from 'react';
import { ZERO, type Velocity } from '../../features/ptz/ptzDriver';

/** Pointer offset from the pad's centre → pan/tilt (-1..1; up tilts up), clamped to the circle. */
export function padVelocity(dx: number, dy: number, radius: number): Velocity {
  if (radius <= 0) return ZERO;
  let x = dx / radius;
  let y = -dy / radius;
  const len = Math.hypot(x, y);
  if (len > 1) {
    x /= len;
    y /= len;
  }
  return { pan: x || 0, tilt: y || 0, zoom: 0 };
}

/** The on-screen joystick: drag the knob; release (or losing the pointer) stops. */
export function PtzJoystick({ onChange }: { onChange(v: Velocity): void }) {
  const padRef = useRef<HTMLDivElement>(null);
  const [knob, setKnob] = useState({ x: 0, y: 0 });
  const [active, setActive] = useState(false);

  const update = (e: PointerEvent) => {
    const el = padRef.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const radius = r.width / 2;
    const v = padVelocity(e.clientX - (r.left + radius), e.clientY - (r.top + r.height / 2), radius);
    setKnob({ x: v.pan * radius * 0.7, y: -v.tilt * radius * 0.7 });
    onChange(v);
  };
  const end = () => {
    setActive(false);
    setKnob({ x: 0, y: 0 });
    onChange(ZERO);
  };

  return (
    <div
      ref={padRef}
      className={`ptz-pad${active ? ' ptz-pad--active' : ''}`}
      data-testid="ptz-joystick"
      role="application"
      aria-label="Joystick: drag to pan and tilt"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        setActive(true);
        update(e);
      }}
      onPointerMove={(e) => active && update(e)}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={() => active && end()}
    >
      <div className="ptz-pad__knob" style={{ transform: `translate(${knob.x}px, ${knob.y}px)` }} />
    </div>
  );
}
