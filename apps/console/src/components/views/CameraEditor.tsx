import { useState, type FormEvent } from 'react';
import type { CameraInfo as RegistryCamera } from '@cctv/protocol';
import { hasErrors, type FieldErrors } from '../../features/auth/formErrors';
import {
  updateErrors,
  updateRequest,
  type CameraField,
  type CameraFormValues,
} from '../../features/cameras/cameraForm';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';

/** Add a camera (from a found device or by URL) or edit one. The password is typed, never shown back. */
export function CameraEditor({
  camera,
  initial,
  onDone,
}: {
  camera: RegistryCamera | undefined;
  initial: CameraFormValues;
  onDone(): void;
}) {
  const add = useConsoleStore((s) => s.addCamera);
  const update = useConsoleStore((s) => s.updateCamera);
  const [v, setV] = useState<CameraFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors<CameraField>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof CameraFormValues) => (value: string) => setV((f) => ({ ...f, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    let result: FieldErrors<CameraField>;
    if (camera) {
      result = updateErrors(camera, v);
      if (!hasErrors(result)) result = await update(updateRequest(camera, v));
    } else {
      result = await add(v);
    }
    setBusy(false);
    setErrors(result);
    // Whatever happens, the password is not kept in the form after a send.
    setV((f) => ({ ...f, password: '' }));
    if (!hasErrors(result)) onDone();
  };

  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      data-testid="camera-editor"
      aria-labelledby="camera-editor-title"
      noValidate
    >
      <h3 id="camera-editor-title">{camera ? `Edit ${camera.name}` : 'Add a camera'}</h3>
      {errors.form && (
        <p className="notice notice--error" role="alert" data-testid="camera-form-error">
          {errors.form}
        </p>
      )}
      <div className="filters">
        {!camera && (
          <Field
            label="Device URL"
            value={v.deviceUrl}
            onChange={set('deviceUrl')}
            error={errors.deviceUrl}
            testId="camera-device-url"
            spellCheck={false}
          />
        )}
        <Field label="Name" value={v.name} onChange={set('name')} error={errors.name} testId="camera-name" autoFocus />
        <Field
          label="District (partner)"
          value={v.district}
          onChange={set('district')}
          error={errors.district}
          testId="camera-district"
        />
        <Field label="Site" value={v.site} onChange={set('site')} error={errors.site} testId="camera-site" />
        <Field
          label="Location"
          value={v.location}
          onChange={set('location')}
          error={errors.location}
          testId="camera-location"
        />
        <Field
          label="Camera user name"
          value={v.username}
          onChange={set('username')}
          error={errors.username}
          testId="camera-username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
        <Field
          label={camera ? 'New camera password (leave empty to keep)' : 'Camera password'}
          type="password"
          value={v.password}
          onChange={set('password')}
          error={errors.password}
          testId="camera-password"
          autoComplete="new-password"
        />
      </div>
      <div className="row">
        <button type="submit" className="btn btn--primary" data-testid="camera-save" disabled={busy}>
          {camera ? 'Save changes' : 'Add camera'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
