import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectPermissions, selectUser } from '../../features/auth/authSlice';
import { ZERO } from '../../features/ptz/ptzDriver';
import { useConsoleStore } from '../../store/StoreContext';
import { PtzJoystick } from './PtzJoystick';
import { usePtzControl } from './usePtzControl';

const ZOOM_SPEED = 0.5;

/** The camera on the selected tile, when it has PTZ and the user may steer it. */
function useSteerableCamera(): string | null {
  return useConsoleStore((s) => {
    const id = s.tiles[s.selected] ?? null;
    if (id === null || !s.registry[id]?.ptz) return null;
    return selectPermissions(s).includes('ptz:control') ? id : null;
  });
}

/** PTZ of the selected tile's camera: lock, joystick, zoom, home, presets. Absent when nothing to steer. */
export function PtzPanel() {
  const cameraId = useSteerableCamera();
  const set = usePtzControl(cameraId);
  if (cameraId === null) return null;
  return <PtzControls key={cameraId} cameraId={cameraId} set={set} />;
}

function PtzControls({ cameraId, set }: { cameraId: string; set: ReturnType<typeof usePtzControl> }) {
  const { name, holder, presets, error, canTakeOver, me } = useConsoleStore(
    useShallow((s) => ({
      name: s.registry[cameraId]?.name ?? cameraId,
      holder: s.ptz.locks[cameraId] ?? null,
      presets: s.ptz.presets[cameraId],
      error: s.ptz.errors[cameraId],
      canTakeOver: selectPermissions(s).includes('ptz:override'),
      me: selectUser(s)?.id,
    })),
  );
  const actions = useConsoleStore(
    useShallow((s) => ({
      status: s.ptzStatus,
      loadPresets: s.ptzLoadPresets,
      gotoPreset: s.ptzGotoPreset,
      setPreset: s.ptzSetPreset,
      home: s.ptzHome,
      takeOver: s.ptzTakeOver,
    })),
  );
  const [presetName, setPresetName] = useState('');
  const [presetError, setPresetError] = useState<string | null>(null);
  useEffect(() => {
    void actions.status(cameraId);
    void actions.loadPresets(cameraId);
  }, [actions, cameraId]);

  const other = holder !== null && holder.userId !== me;
  const savePreset = async (e: FormEvent) => {
    e.preventDefault();
    const err = await actions.setPreset(cameraId, presetName);
    setPresetError(err);
    if (!err) setPresetName('');
  };
  const zoomButton = (dir: 1 | -1, label: string) => (
    <button
      type="button"
      className="btn"
      data-testid={dir === 1 ? 'ptz-zoom-in' : 'ptz-zoom-out'}
      aria-label={dir === 1 ? 'Zoom in (hold)' : 'Zoom out (hold)'}
      onPointerDown={() => set('zoom', { ...ZERO, zoom: dir * ZOOM_SPEED })}
      onPointerUp={() => set('zoom', ZERO)}
      onPointerLeave={() => set('zoom', ZERO)}
      onPointerCancel={() => set('zoom', ZERO)}
    >
      {label}
    </button>
  );

  return (
    <section className="ptz" aria-label={`PTZ: ${name}`} data-testid="ptz-panel" data-camera={cameraId}>
      <h2 className="ptz__title">PTZ · {name}</h2>
      <p className="ptz__lock" data-testid="ptz-lock" data-holder={holder?.displayName ?? ''}>
        {holder === null ? 'Free to steer' : other ? `${holder.displayName} is steering` : 'You are steering'}
        {other && canTakeOver && (
          <button
            type="button"
            className="btn"
            data-testid="ptz-takeover"
            onClick={() => void actions.takeOver(cameraId)}
          >
            Take over
          </button>
        )}
      </p>
      {error && (
        <p className="ptz__error" role="alert" data-testid="ptz-error">
          {error}
        </p>
      )}
      <div className="ptz__controls">
        <PtzJoystick onChange={(v) => set('joystick', v)} />
        <div className="ptz__buttons">
          {zoomButton(1, '+')}
          {zoomButton(-1, '−')}
          <button type="button" className="btn" data-testid="ptz-home" onClick={() => void actions.home(cameraId)}>
            Home
          </button>
        </div>
      </div>
      <ul className="ptz__presets" data-testid="ptz-presets">
        {(presets ?? []).map((p) => (
          <li key={p.token}>
            <button
              type="button"
              className="btn ptz__preset"
              data-testid={`ptz-preset-${p.token}`}
              onClick={() => void actions.gotoPreset(cameraId, p.token)}
            >
              {p.name}
            </button>
          </li>
        ))}
      </ul>
      <form className="ptz__save" onSubmit={(e) => void savePreset(e)}>
        <input
          aria-label="Preset name"
          value={presetName}
          onChange={(e) => setPresetName(e.target.value)}
          placeholder="Preset name"
          maxLength={64}
          data-testid="ptz-preset-name"
        />
        <button type="submit" className="btn" data-testid="ptz-preset-save" disabled={presetName.trim() === ''}>
          Save preset
        </button>
      </form>
      {presetError && (
        <p className="ptz__error" role="alert" data-testid="ptz-preset-error">
          {presetError}
        </p>
      )}
    </section>
  );
}
