import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { parseUrlOptions } from './config/urlParams';
import { installDebugHook } from './debugHook';
import { initialWall, loadWall, wallStorageKey } from './features/wall/wallPersistence';
import { createConsoleStore } from './store/createStore';
import { StoreProvider } from './store/StoreContext';
import { TelemetryRegistry } from './telemetry/telemetry';
import { startIngestClient } from './transport/ingestClient';
import { playerFactory } from './video/createPlayer';
import { StripReader } from './video/stripReader';
import { VideoContext, type VideoView } from './video/VideoContext';
import { WallEngine } from './video/wallEngine';
import { syncWall } from './video/wallSync';
import './styles.css';

// The composition root, in order: options → store → connection → video engine → UI.
const url = parseUrlOptions(location.search, location.origin);
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked: the wall works, it is not remembered
  }
})();
const storageKey = wallStorageKey(url.screen);
const store = createConsoleStore({
  wall: initialWall(loadWall(storage, storageKey), url),
  ingestUrl: url.ingestUrl,
  storage,
  storageKey,
});

const client = startIngestClient(url.ingestUrl, store, url.workstation);
const telemetry = new TelemetryRegistry();
const decoder = playerFactory(url.decoder);
const engine = new WallEngine(client.media, { createPlayer: decoder.create, telemetry, strip: new StripReader() });
client.routeMediaTo(engine);
let alwaysTelemetry = url.telemetry ?? false;
let unsync = syncWall(store, engine, telemetry, alwaysTelemetry);
engine.start();

installDebugHook(store, telemetry, decoder.kind, (on) => {
  alwaysTelemetry = on;
  unsync();
  unsync = syncWall(store, engine, telemetry, alwaysTelemetry);
});

const video: VideoView = {
  attachCanvas: (tile, canvas) => engine.attachCanvas(tile, canvas),
  status: (tile) => engine.status(tile),
  onStatus: (tile, l) => engine.onStatus(tile, l),
  figures: (tile) => telemetry.figures(tile),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <VideoContext.Provider value={video}>
        <App decoderMissing={decoder.kind === null} />
      </VideoContext.Provider>
    </StoreProvider>
  </StrictMode>,
);

window.addEventListener('pagehide', () => {
  engine.stop();
  client.close();
});
