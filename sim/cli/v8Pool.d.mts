/** Types of sim/cli/v8Pool.mjs (plain JavaScript, since sim/cli/bin.mjs imports it before any TypeScript can run). */
export declare const POOL_COMMANDS: ReadonlySet<string>;
export declare const NODE_DEFAULT_POOL: number;
export declare const POOL_ENV: string;
export declare function widerPoolSize(
  argv: readonly string[],
  host: { cores: number; env: Record<string, string | undefined>; execArgv: readonly string[] },
): number | undefined;
