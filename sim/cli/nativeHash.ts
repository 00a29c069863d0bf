/**
 * Importing this module makes every hash of this thread (sim/lib/hash.ts) use node's native
 * SHA-256 instead of the JavaScript one: the same digests, computed ≈ 20× faster. The CLI's
 * main module and its pool workers import it; a result hash was ≈ 5 % of a run at 2,000
 * engineers (the series of a run are ≈ 300 kB to hash) and ≈ 10 ms of a default `tokensim run`.
 */
import { createHash } from 'node:crypto';
import { useSha256 } from '../lib/hash.ts';

useSha256(() => createHash('sha256'));
