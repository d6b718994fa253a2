// tsc emits only compiled TypeScript: the browser scripts served to merchant pages
// (src/widgets/*.js) are copied beside their compiled loaders so the packed dist/ is complete.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';

const from = 'src/widgets';
const to = 'dist/src/widgets';
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from).filter((file) => file.endsWith('.js'))) {
  copyFileSync(`${from}/${name}`, `${to}/${name}`);
}
