/**
 * The calibration written by `npm run calibrate` (docs/calibration.json), bundled at build time.
 * A glob rather than an import, so a checkout without the file builds and shows no marks.
 */
import { readCalibration } from './calibrationMarks.ts';

const files = import.meta.glob('../../docs/calibration.json', { eager: true, import: 'default' });

export const CALIBRATION = readCalibration(files['../../docs/calibration.json']);
