import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { DiscoveredCamera } from '@cctv/protocol';
import {
  emptyCameraForm,
  formForCamera,
  formForDiscovered,
  type CameraFormValues,
} from '../../features/cameras/cameraForm';
import { selectRegistry } from '../../features/ptz/ptzSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { CameraEditor } from './CameraEditor';

type Editing = { id: string | null; initial: CameraFormValues; key: string } | null;

/** Administrators: discover ONVIF cameras, add them with credentials, edit and remove them. */
export function CamerasView() {
  const registry = useConsoleStore(selectRegistry);
  const discovery = useConsoleStore((s) => s.discovery);
  const load = useConsoleStore((s) => s.loadDiscovery);
  const probe = useConsoleStore((s) => s.probe);
  const remove = useConsoleStore((s) => s.removeCamera);
  const [multicast, setMulticast] = useState(true);
  const [targets, setTargets] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const cameras = useMemo(() => Object.values(registry).sort((a, b) => a.name.localeCompare(b.name)), [registry]);

  useEffect(() => {
    void load();
  }, [load]);

  const onProbe = (e: FormEvent) => {
    e.preventDefault();
    const t = targets.trim();
    void probe(t === '' ? { multicast } : { multicast, targets: t });
  };
  const addFound = (d: DiscoveredCamera) =>
    setEditing({ id: null, initial: formForDiscovered(d), key: `found-${d.endpoint}` });
  const onRemove = async (id: string, name: string) => {
    if (!window.confirm(`Remove ${name}? Its streams, PTZ and events stop; its alarms stay in the log.`)) return;
    setRowError(await remove(id));
  };
  const edited = editing?.id ? registry[editing.id] : undefined;

  return (
    <main className="page" data-testid="view-cameras" aria-labelledby="cameras-title">
      <div className="row">
        <h2 id="cameras-title">Camera registry</h2>
        <button
          type="button"
          className="btn btn--primary"
          data-testid="camera-new"
          onClick={() => setEditing({ id: null, initial: emptyCameraForm, key: 'new' })}
        >
          Add by address
        </button>
      </div>
      {editing && (
        <CameraEditor key={editing.key} camera={edited} initial={editing.initial} onDone={() => setEditing(null)} />
      )}

      <section className="card" aria-labelledby="discovery-title">
        <h3 id="discovery-title">Discovery</h3>
        <form className="filters" onSubmit={onProbe}>
          <label className="field">
            <span>
              <input
                type="checkbox"
                checked={multicast}
                onChange={(e) => setMulticast(e.target.checked)}
                data-testid="discovery-multicast"
              />{' '}
              Multicast on this network
            </span>
          </label>
          <label className="field">
            <span>Addresses, ranges or CIDR blocks (comma-separated, optional :port)</span>
            <input
              value={targets}
              onChange={(e) => setTargets(e.target.value)}
              placeholder="10.0.2.0/24, 10.0.3.5:8080"
              data-testid="discovery-targets"
              spellCheck={false}
            />
          </label>
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="discovery-probe"
            disabled={discovery.probing || (!multicast && targets.trim() === '')}
          >
            {discovery.probing ? 'Probing…' : 'Probe'}
          </button>
        </form>
        {discovery.error && (
          <p className="notice notice--error" role="alert" data-testid="discovery-error">
            {discovery.error}
          </p>
        )}
        {discovery.result?.at != null && (
          <p className="muted">Last probe {new Date(discovery.result.at).toLocaleString()}</p>
        )}
        <table className="grid-table" data-testid="discovery-table">
          <thead>
            <tr>
              <th scope="col">Make</th>
              <th scope="col">Model</th>
              <th scope="col">Address</th>
              <th scope="col">Name</th>
              <th scope="col">
                <span className="muted">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(discovery.result?.devices ?? []).map((d) => (
              <tr key={d.endpoint} data-testid={`found-${d.address}`} data-added={d.alreadyAdded}>
                <td>{d.make ?? ''}</td>
                <td>{d.model ?? ''}</td>
                <td>{d.address}</td>
                <td>{d.name ?? ''}</td>
                <td>
                  {d.alreadyAdded ? (
                    <span className="muted">Added{d.cameraId ? ` as ${d.cameraId}` : ''}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn"
                      data-testid={`found-add-${d.address}`}
                      onClick={() => addFound(d)}
                    >
                      Add…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {rowError && (
        <p className="notice notice--error" role="alert" data-testid="cameras-error">
          {rowError}
        </p>
      )}
      <table className="grid-table" data-testid="registry-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">District</th>
            <th scope="col">Site</th>
            <th scope="col">Location</th>
            <th scope="col">Make / model</th>
            <th scope="col">PTZ</th>
            <th scope="col">
              <span className="muted">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cameras.map((c) => (
            <tr key={c.id} data-testid={`registry-${c.id}`} data-source={c.source}>
              <td>{c.name}</td>
              <td>{c.district}</td>
              <td>{c.site}</td>
              <td>{c.location}</td>
              <td>{[c.make, c.model].filter(Boolean).join(' ')}</td>
              <td>{c.ptz ? 'Yes' : 'No'}</td>
              <td className="row">
                {c.source === 'onvif' ? (
                  <>
                    <button
                      type="button"
                      className="btn"
                      data-testid={`registry-edit-${c.id}`}
                      onClick={() => setEditing({ id: c.id, initial: formForCamera(c), key: `edit-${c.id}` })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="btn"
                      data-testid={`registry-remove-${c.id}`}
                      onClick={() => void onRemove(c.id, c.name)}
                    >
                      Remove
                    </button>
                  </>
                ) : (
                  <span className="muted">From the config file</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
