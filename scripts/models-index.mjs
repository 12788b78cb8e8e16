// Writes www/models/index.json, the kit's widget ids (one per model file there), for the builder
// page and the JS API's kit(): a static site cannot list a folder. `make build` runs it; the file
// is generated, not committed.
import { readdirSync, writeFileSync } from 'node:fs';

const ids = readdirSync('www/models').filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -'.toml'.length)).sort();
writeFileSync('www/models/index.json', `${JSON.stringify(ids)}\n`);
