/** The precomputed sensitivity screenings (docs/sensitivity/*.json), bundled at build time. */
import { driverFilesByScenario } from './drivers.ts';

const files = import.meta.glob('../../docs/sensitivity/*.json', { eager: true, import: 'default' });

export const DRIVER_FILES = driverFilesByScenario(files);
