// Turns a camera-sim manifest into an ingest camera config (stdout). Used by the demo and the benchmarks.
import { readFileSync } from 'node:fs';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node scripts/fleet-config.mjs fleet.json > cameras.json\n');
  process.exit(2);
}
const fleet = JSON.parse(readFileSync(path, 'utf8'));
const districts = ['North', 'South', 'East', 'West'];
const cameras = fleet.cameras.map((cam, i) => {
  const creds = cam.credentials ? { username: cam.credentials.username, password: cam.credentials.password } : {};
  const streams = { main: { url: cam.urls.main, ...creds } };
  if (cam.urls.sub) streams.sub = { url: cam.urls.sub, ...creds };
  return {
    id: cam.id,
    name: cam.name,
    district: districts[i % districts.length],
    site: `Site ${Math.floor(i / 4) + 1}`,
    streams,
  };
});
process.stdout.write(JSON.stringify({ cameras }, null, 2) + '\n');
