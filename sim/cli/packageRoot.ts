/**
 * The package's root directory: where package.json, scenarios/ and, in a checkout, .git are.
 *
 * Resolved from this module's URL two levels up, which holds both where the CLI runs from:
 * the TypeScript sources (sim/cli/*.ts) and the JavaScript bundle (build/cli/main.cjs, see
 * sim/cli/build.mjs), where every module shares the bundle file's URL. Modules deeper in
 * sim/cli take the root from here rather than counting their own `../`.
 */
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT_URL = new URL('../../', import.meta.url);
export const PACKAGE_ROOT = fileURLToPath(PACKAGE_ROOT_URL);
