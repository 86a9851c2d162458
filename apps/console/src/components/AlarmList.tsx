import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { orderAlarms } from '../features/alarms/alarmOrder';
import { selectPermissions } from '../features/auth/authSlice';
import { useConsoleStore } from '../store/StoreContext';

const KIND: Record<string, string> = { motion: 'Motion', tamper: 'Tamper' };

/** Camera alarms, unacknowledged first; a click puts the alarm's camera on the selected tile. */
export function AlarmList() {
  const { alarms, error, canAck, names } = useConsoleStore(
    useShallow((s) => ({
      alarms: s.alarms,
      error: s.alarmsError,
      canAck: selectPermissions(s).includes('alarms:acknowledge'),
      names: s.registry,
    })),
  );
  const assign = useConsoleStore((s) => s.assignToSelected);
  const acknowledge = useConsoleStore((s) => s.acknowledgeAlarm);
  const list = useMemo(() => orderAlarms(Object.values(alarms)), [alarms]);
  const open = list.filter((a) => a.acknowledgedAt === null).length;
  return (
    <section className="alarms" aria-label="Alarms">
      <h2 className="cameras__title">
        Alarms <span data-testid="alarms-unacknowledged">({open} new)</span>
      </h2>
      {error && (
        <p className="ptz__error" role="alert">
          {error}
        </p>
      )}
      {list.length === 0 ? (
        <p className="cameras__empty">No alarms.</p>
      ) : (
        <ul className="alarms__list" data-testid="alarm-list">
          {list.map((a) => (
            <li
              key={a.id}
              className={`alarm${a.acknowledgedAt === null ? ' alarm--new' : ''}${a.active ? ' alarm--active' : ''}`}
              data-testid={`alarm-${a.id}`}
              data-acknowledged={a.acknowledgedAt !== null}
            >
              <button
                type="button"
                className="alarm__main"
                onClick={() => assign(a.cameraId)}
                title="Show on the selected tile"
              >
                <span className="alarm__kind">{KIND[a.kind] ?? a.kind}</span>
                <span className="alarm__camera">{names[a.cameraId]?.name ?? a.cameraId}</span>
                <time className="alarm__time" dateTime={new Date(a.at).toISOString()}>
                  {new Date(a.at).toLocaleTimeString()}
                </time>
              </button>
              {a.acknowledgedAt === null
                ? canAck && (
                    <button
                      type="button"
                      className="btn"
                      data-testid={`alarm-ack-${a.id}`}
                      onClick={() => void acknowledge(a.id)}
                    >
                      Acknowledge
                    </button>
                  )
                : a.acknowledgedBy && <span className="alarm__ack">✓ {a.acknowledgedBy.displayName}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
