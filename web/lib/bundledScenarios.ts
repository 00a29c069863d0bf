/** Every scenario file in scenarios/, bundled into the page at build time (Vite glob import). */
import { makeCatalogue } from './catalogue.ts';

const files = import.meta.glob('../../scenarios/*.json', { eager: true, import: 'default' });

export const { catalogue: BUNDLED, problems: BUNDLE_PROBLEMS } = makeCatalogue(files);
