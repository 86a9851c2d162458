// What a year of a town-centre control room's occurrence log looks like: districts and their towns and
// streets, venues, people's descriptions, vehicles, what operators write. Deterministic (seeded PRNG),
// so the same N gives the same database and the same query parameters.
import type { CreateIncidentRequest, Incident } from '@cctv/protocol';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Weighted choice: [value, weight][]. */
export function weighted<T>(r: Rand, xs: readonly (readonly [T, number])[]): T {
  const total = xs.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  for (const [v, w] of xs) {
    x -= w;
    if (x <= 0) return v;
  }
  return xs.at(-1)![0];
}

/** Ten districts, busiest first (weight = share of incidents), each with its towns. */
export const DISTRICTS: readonly (readonly [string, number, readonly string[]])[] = [
  ['Central', 24, ['Ashby', 'Market Ashby']],
  ['Riverside', 14, ['Ashby', 'Wharfside']],
  ['North', 11, ['Northgate', 'Kingsmead', 'Highfield']],
  ['Old Town', 10, ['Ashby']],
  ['Harbour', 9, ['Portlow', 'Saltcombe']],
  ['East', 8, ['Eastbury', 'Millbrook']],
  ['South', 7, ['Southam', 'Brookfield', 'Tenby Cross']],
  ['West', 7, ['Westcote', 'Farley']],
  ['Parkside', 5, ['Ashby', 'Greenhill']],
  ['Hillcrest', 5, ['Hillcrest', 'Upper Farley']],
];
export const DISTRICT_NAMES = DISTRICTS.map(([d]) => d);

export const STREETS = [
  'High Street',
  'Market Street',
  'Market Square',
  'Station Road',
  'Church Lane',
  'Bridge Street',
  'King Street',
  'Queen Street',
  'London Road',
  'Victoria Road',
  'Albert Street',
  'Mill Lane',
  'Castle Street',
  'Park Road',
  'Sheep Street',
  'Gold Street',
  'Silver Street',
  'Fore Street',
  'Broad Street',
  'Union Street',
  'Wharf Road',
  'Harbour Parade',
  'Quay Street',
  'Ropewalk',
  'Tanners Row',
  'Chapel Street',
  'North Street',
  'South Street',
  'East Street',
  'West Street',
  'Abbey Road',
  'Priory Walk',
  'Cornmarket',
  'Butchers Row',
  'Friars Gate',
  'Northgate',
  'Southgate',
  'Eastgate',
  'Westgate',
  'Orchard Street',
  'Canal Walk',
  'Lock Lane',
  'Foundry Road',
  'Brewery Lane',
  'Malthouse Yard',
  'Carter Street',
  'Cooper Lane',
  'Weavers Close',
  'Dyers Lane',
  'Saddlers Walk',
  'Crown Passage',
  'Angel Street',
  'Bell Lane',
  'Swan Alley',
  'Horsefair',
  'Cattle Market',
  'Corn Exchange Square',
  'Guildhall Walk',
  'Town Hall Square',
  'Library Steps',
  'Promenade',
  'Esplanade',
  'Marine Parade',
  'Beach Road',
  'Pier Approach',
  'Lighthouse Road',
  'Ferry Lane',
  'Boatyard Road',
  'Harbour Hill',
  'Old Quay',
  'Kingsway',
  'Queensway',
  'Regent Street',
  'Oxford Street',
  'Cambridge Road',
  'York Road',
  'Lancaster Avenue',
  'Windsor Terrace',
  'Hanover Place',
  'Brunswick Square',
  'Clarence Street',
  'Gloucester Road',
  'Stanley Street',
  'Nelson Street',
  'Wellington Road',
  'Trafalgar Way',
  'Waterloo Street',
  'Salisbury Road',
  'Devonshire Street',
  'Cavendish Road',
  'Grosvenor Street',
  'Belgrave Road',
  'Hamilton Road',
  'Sidney Street',
  'Tudor Way',
  'Elm Grove',
  'Oak Avenue',
  'Ash Grove',
  'Beech Road',
  'Cedar Close',
  'Willow Walk',
  'Hawthorn Road',
  'Holly Lane',
  'Ivy Street',
  'Laurel Drive',
  'Maple Road',
  'Poplar Street',
  'Rowan Way',
  'Sycamore Road',
  'Chestnut Walk',
  'Meadow Lane',
  'Moor Lane',
  'Heath Road',
  'Common Road',
  'Green Lane',
  'Field Road',
  'Hill Street',
  'Vale Road',
  'Dale Street',
  'Ridgeway',
];

export const VENUES = [
  'The Crown',
  'the Red Lion',
  'the Kings Arms',
  'the Wheatsheaf',
  'the Bell',
  'the White Hart',
  'the Anchor',
  'the Ship',
  'the Plough',
  'Vortex nightclub',
  'Club Neon',
  'the Electric Ballroom',
  'the bus station',
  'the railway station',
  'the taxi rank',
  'the shopping centre',
  'the multi-storey car park',
  'the leisure centre',
  'the library',
  'the cathedral',
  'the market hall',
  'the kebab shop',
  'the chip shop',
  'the late-night pharmacy',
  'Tesco Express',
  'the Co-op',
  'the post office',
  'the cash machine',
  'the bandstand',
  'the skate park',
  'the playground',
  'the war memorial',
  'the underpass',
  'the footbridge',
  'the ferry terminal',
  'the marina',
  'the amusements',
  'the arcade',
  'the job centre',
  'the magistrates court',
];

const SUBJECTS = [
  'a male',
  'a female',
  'two males',
  'two females',
  'a group of youths',
  'a group of four males',
  'a large group',
  'an elderly man',
  'an elderly woman',
  'a teenage girl',
  'a teenage boy',
  'a young child',
  'a cyclist',
  'a moped rider',
  'a street drinker',
  'a rough sleeper',
  'the driver of a white van',
  'a taxi driver',
  'door staff',
  'a shop worker',
  'a security guard',
  'a delivery rider',
  'a couple',
  'a man with a dog',
];
const COLOURS = ['black', 'grey', 'white', 'red', 'blue', 'navy', 'green', 'yellow', 'orange', 'beige', 'khaki'];
const GARMENTS = [
  'hoodie',
  'puffer jacket',
  'tracksuit',
  'baseball cap',
  'beanie hat',
  'leather jacket',
  'hi-vis vest',
  'rain coat',
  'denim jacket',
  'football shirt',
  'face covering',
  'backpack',
  'shoulder bag',
  'trainers',
];
const BUILDS = ['slim', 'medium', 'stocky', 'heavy', 'tall', 'short'];
const ACTIONS = [
  'shouting at passers-by',
  'fighting',
  'pushing and shoving',
  'kicking a bin',
  'kicking a door',
  'throwing bottles',
  'smashing a window',
  'loitering by the cash machine',
  'trying car door handles',
  'looking into parked cars',
  'entering the shop',
  'leaving the shop without paying',
  'concealing items in a bag',
  'running from the scene',
  'walking towards the river',
  'sitting alone on a bench',
  'lying on the pavement',
  'staggering into the road',
  'urinating in a doorway',
  'arguing with door staff',
  'refused entry',
  'dealing from a bicycle',
  'exchanging small packages',
  'climbing scaffolding',
  'spraying graffiti',
  'riding on the pavement',
  'begging near the cash machine',
  'crying and appears distressed',
  'following a lone female',
  'brandishing what looks like a knife',
  'setting fire to a bin',
  'driving erratically',
  'reversing into a bollard',
];
const OBSERVATIONS = [
  'camera tracked them out of view',
  'lost sight behind a bus',
  'picked up again on the next camera',
  'good facial images obtained',
  'poor images due to rain',
  'lighting poor, images grainy',
  'images saved to evidence',
  'footage bookmarked for review',
  'no further trace on cameras',
  'members of public intervened',
  'situation calmed without intervention',
  'crowd dispersed on arrival of police',
  'ambulance requested by police',
  'paramedics treated a casualty at scene',
  'door staff detained the male',
  'shop staff recovered the goods',
  'vehicle left the area northbound',
  'vehicle left the area towards the ring road',
  'fire service attended and extinguished',
  'person found safe and well',
  'person taken home by family',
  'item handed in at the police station',
];
const RADIO = ['police radio', 'Shopwatch radio', 'Pubwatch radio', 'telephone', 'the force control room'];
const UNITS = [
  'two units',
  'a single crewed unit',
  'PCSOs',
  'the neighbourhood team',
  'a dog unit',
  'the night-time economy patrol',
  'response officers',
  'the street pastors',
  'an ambulance',
  'the fire service',
];
const FIRST_NAMES = [
  'James',
  'Oliver',
  'Harry',
  'Jack',
  'George',
  'Charlie',
  'Thomas',
  'Jacob',
  'Alfie',
  'Riley',
  'William',
  'Joshua',
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Emily',
  'Sophie',
  'Grace',
  'Mia',
  'Poppy',
  'Ella',
  'Lily',
  'Evie',
  'Daniel',
  'Samuel',
  'Mohammed',
  'Aisha',
  'Priya',
  'Tomasz',
  'Marta',
  'Kofi',
  'Nadia',
  'Liam',
  'Connor',
  'Megan',
  'Chloe',
  'Ryan',
  'Nathan',
  'Jade',
];
/**
 * Rare words: one line in 3,000 names one of these 16, so each is in about one incident in 19,000
 * (about 50 in a million), the long tail of a real narrative vocabulary. The bench searches for them.
 */
export const RARE_WORDS = [
  'trombone',
  'unicycle',
  'wheelbarrow',
  'parrot',
  'kayak',
  'ferret',
  'harpoon',
  'bagpipes',
  'tortoise',
  'chainsaw',
  'mannequin',
  'periscope',
  'accordion',
  'gazebo',
  'scarecrow',
  'tandem',
];
/** Common words an operator searches for (the bench's "common word" queries). */
export const COMMON_WORDS = ['male', 'youths', 'hoodie', 'police', 'shop', 'door', 'bag', 'camera'];

const letters = 'ABCDEFGHJKLMNOPRSTUVWXYZ';
const reg = (r: Rand) =>
  `${pick(r, [...letters])}${pick(r, [...letters])}${int(r, 10, 74)} ${pick(r, [...letters])}${pick(r, [...letters])}${pick(r, [...letters])}`;

function description(r: Rand): string {
  const colour = pick(r, COLOURS);
  const parts = [
    `${pick(r, BUILDS)} build`,
    `wearing ${/^[aeiou]/.test(colour) ? 'an' : 'a'} ${colour} ${pick(r, GARMENTS)}`,
  ];
  if (r() < 0.6) parts.push(`aged about ${int(r, 14, 70)}`);
  if (r() < 0.4) parts.push(`${pick(r, COLOURS)} ${pick(r, GARMENTS)}`);
  return parts.join(', ');
}

/** One narrative line, as an operator types it. */
export function narrativeLine(r: Rand, where: string, cameras: readonly string[], n: number): string {
  const cam = pick(r, cameras);
  const rare = r() < 1 / 3000 ? ` Note: ${pick(r, RARE_WORDS)} involved.` : '';
  let line: string;
  if (n === 0) {
    line = `${cap(pick(r, SUBJECTS))} seen ${pick(r, ACTIONS)} ${r() < 0.5 ? 'outside' : 'near'} ${pick(r, VENUES)}, ${where}.`;
    if (r() < 0.5) line += ` Described as ${description(r)}.`;
  } else {
    switch (int(r, 0, 5)) {
      case 0:
        line = `Informed via ${pick(r, RADIO)}, ${pick(r, UNITS)} attending.`;
        break;
      case 1:
        line = `Camera ${cam} panned to ${pick(r, VENUES)}; ${pick(r, OBSERVATIONS)}.`;
        break;
      case 2:
        line = `${cap(pick(r, SUBJECTS))} now ${pick(r, ACTIONS)}, ${description(r)}.`;
        break;
      case 3:
        line = `Vehicle ${reg(r)} of interest, ${pick(r, COLOURS)} ${pick(r, ['hatchback', 'saloon', 'van', 'estate', 'SUV', 'motorbike', 'pick-up'])}; ${pick(r, OBSERVATIONS)}.`;
        break;
      case 4:
        line = `Officers spoke to ${pick(r, FIRST_NAMES)} (${int(r, 16, 80)}); ${pick(r, OBSERVATIONS)}.`;
        break;
      default:
        line = `${cap(pick(r, OBSERVATIONS))}. Units cleared at ${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}.`;
    }
  }
  return line + rare;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const SOURCES: readonly (readonly [Incident['source'], number])[] = [
  ['proactive', 45],
  ['police-request', 15],
  ['radio-shopwatch', 12],
  ['radio-pubwatch', 10],
  ['member-of-public', 8],
  ['alarm', 6],
  ['other', 4],
];
const OUTCOMES: readonly (readonly [NonNullable<Incident['outcome']>, number])[] = [
  ['no-further-action', 30],
  ['advice', 14],
  ['dispersal', 14],
  ['no-trace', 12],
  ['handed-to-police', 10],
  ['arrest', 9],
  ['ambulance-called', 5],
  ['missing-person-found', 3],
  ['other', 3],
];
/** Category weights by position in the room's list (the defaults: ASB, violence, theft, ... Other). */
const CATEGORY_WEIGHTS = [22, 12, 16, 6, 4, 10, 8, 6, 2, 10, 4];

/** Per-hour weights: a town centre's night-time economy dominates. */
const HOURS = [10, 9, 8, 6, 3, 2, 2, 2, 3, 4, 4, 5, 5, 5, 5, 6, 7, 7, 7, 7, 8, 9, 10, 11];

/** N start times over the year before `end`, ascending. */
export function startTimes(r: Rand, n: number, end: number): Float64Array {
  const day = 86_400_000;
  const firstDay = Math.floor((end - 365 * day) / day) * day + day;
  const hourTable = HOURS.map((w, h) => [h, w] as const);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = firstDay + int(r, 0, 363) * day;
    const weekend = new Date(d).getUTCDay() >= 5 || new Date(d).getUTCDay() === 0;
    const h = weekend && r() < 0.3 ? pick(r, [21, 22, 23, 0, 1, 2]) : weighted(r, hourTable);
    out[i] = Math.min(end - 60_000, d + h * 3_600_000 + Math.floor(r() * 3_600_000));
  }
  return out.sort();
}

export interface SeedIncident {
  fields: Omit<CreateIncidentRequest, 'narrative' | 'snapshotFrom'> & {
    town: string;
    cameras: string[];
    policeRefs: Incident['policeRefs'];
    evidence: string[];
    sharedWithPolice: boolean;
  };
  /** Narrative lines with their times. */
  lines: { at: number; text: string }[];
}

/** One realistic incident starting at `startedAt`; `recent`: the last day's incidents are mostly still open. */
export function incidentAt(r: Rand, startedAt: number, categories: readonly string[], recent: boolean): SeedIncident {
  const [district, , towns] = weighted(
    r,
    DISTRICTS.map((d) => [d, d[1]] as const),
  );
  const dIndex = DISTRICT_NAMES.indexOf(district);
  // 24 cameras per district: cam-001..cam-240.
  const camerasOfDistrict = Array.from({ length: 24 }, (_, k) => `cam-${String(dIndex * 24 + k + 1).padStart(3, '0')}`);
  const cams = Array.from(
    {
      length: weighted(r, [
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const),
    },
    () => pick(r, camerasOfDistrict),
  );
  const street = pick(r, STREETS);
  const location =
    r() < 0.35 ? `${int(r, 1, 180)} ${street}` : r() < 0.5 ? `${street}, outside ${pick(r, VENUES)}` : street;
  const shared = r() < 0.1;
  const source = shared && r() < 0.5 ? 'police-request' : weighted(r, SOURCES);
  const date = new Date(startedAt);
  const ddmmyy = `${String(date.getUTCDate()).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCFullYear()).slice(2)}`;
  const policeRefs: Incident['policeRefs'] = {};
  if (shared || source === 'police-request') policeRefs.cad = `CAD-${int(r, 1, 9999)}-${ddmmyy}`;
  if (shared && r() < 0.4) policeRefs.crimeRef = `CR/${int(r, 10000, 99999)}/${ddmmyy.slice(4)}`;
  const open = recent ? r() < 0.6 : r() < 0.004;
  const lineCount = weighted(r, [
    [1, 25],
    [2, 30],
    [3, 25],
    [4, 12],
    [5, 8],
  ] as const);
  const town = pick(r, towns);
  const where = `${location}, ${town}`;
  const lines = Array.from({ length: lineCount }, (_, n) => ({
    at: startedAt + n * int(r, 1, 12) * 60_000,
    text: narrativeLine(r, where, cams, n),
  }));
  const duration = (lineCount + 1) * int(r, 3, 20) * 60_000;
  const outcome = weighted(r, OUTCOMES);
  return {
    fields: {
      startedAt,
      endedAt: open ? null : startedAt + duration,
      district,
      town,
      location,
      cameras: [...new Set(cams)],
      source,
      category: weighted(
        r,
        categories.map((c, i) => [c, CATEGORY_WEIGHTS[i] ?? 2] as const),
      ),
      policeRefs,
      outcome: open ? null : outcome,
      outcomeNotes: !open && r() < 0.3 ? `${cap(pick(r, OBSERVATIONS))}.` : '',
      evidence: r() < 0.08 ? [`EXH-${date.getUTCFullYear()}-${int(r, 1, 9999)}`] : [],
      sharedWithPolice: shared,
    },
    lines,
  };
}
