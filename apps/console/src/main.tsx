import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { parseSetupToken, parseUrlOptions } from './config/urlParams';
import { installDebugHook } from './debugHook';
import { browserPersistence } from './features/auth/sessionPersistence';
import { createDrafts } from './features/records/drafts';
import { initialWall, loadWall, wallStorageKey } from './features/wall/wallPersistence';
import { createConsoleStore } from './store/createStore';
import { StoreProvider } from './store/StoreContext';
import { TelemetryRegistry } from './telemetry/telemetry';
import { createAuthHttp } from './transport/http';
import { createIngestClient } from './transport/ingestClient';
import { playerFactory } from './video/createPlayer';
import { StripReader } from './video/stripReader';
import { VideoContext, type VideoView } from './video/VideoContext';
import { WallEngine } from './video/wallEngine';
import { syncWall } from './video/wallSync';
import './styles.css';

// The composition root, in order: options → storage → connection (closed) → store → video engine →
// sign-in check → UI. The connection opens only once someone has signed in.
const url = parseUrlOptions(location.search, location.origin);
const setupToken = parseSetupToken(location.hash);
const storageOf = (name: 'localStorage' | 'sessionStorage') => {
  try {
    return window[name];
  } catch {
    return undefined; // storage blocked: the console works, it is not remembered
  }
};
const storage = storageOf('localStorage');
const persistence = browserPersistence(storageOf('sessionStorage'), storage);
const workstation = () => url.workstation ?? persistence.workstation();

const client = createIngestClient(url.ingestUrl, workstation);
const storageKey = wallStorageKey(url.screen);
const consoleStore = createConsoleStore({
  wall: initialWall(loadWall(storage, storageKey), url),
  ingestUrl: url.ingestUrl,
  storage,
  storageKey,
  ports: {
    control: client.control,
    http: createAuthHttp(url.ingestUrl),
    persistence,
    drafts: createDrafts(storageOf('sessionStorage')),
    now: () => Date.now(),
  },
});
client.bind(consoleStore);

const telemetry = new TelemetryRegistry();
const decoder = playerFactory(url.decoder);
const engine = new WallEngine(client.media, { createPlayer: decoder.create, telemetry, strip: new StripReader() });
client.routeMediaTo(engine);
let alwaysTelemetry = url.telemetry ?? false;
let unsync = syncWall(consoleStore, engine, telemetry, alwaysTelemetry);
engine.start();

installDebugHook(consoleStore, telemetry, decoder.kind, (on) => {
  alwaysTelemetry = on;
  unsync();
  unsync = syncWall(consoleStore, engine, telemetry, alwaysTelemetry);
});

// The set-up link is single-use: once the administrator exists, take it out of the address bar.
const unwatchSetup = consoleStore.subscribe((s, prev) => {
  if (prev.auth.status === 'setup' && s.auth.status !== 'setup') {
    history.replaceState(history.state, '', location.pathname + location.search);
    unwatchSetup();
  }
});
void consoleStore.getState().checkAuth(setupToken);

const video: VideoView = {
  attachCanvas: (tile, canvas) => engine.attachCanvas(tile, canvas),
  status: (tile) => engine.status(tile),
  onStatus: (tile, l) => engine.onStatus(tile, l),
  figures: (tile) => telemetry.figures(tile),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={consoleStore}>
      <VideoContext.Provider value={video}>
        <App decoderMissing={decoder.kind === null} defaultWorkstation={workstation()} />
      </VideoContext.Provider>
    </StoreProvider>
  </StrictMode>,
);

window.addEventListener('pagehide', () => {
  engine.stop();
  client.close();
});
