/**
 * The built site in real headless Chromium, for the page's browser tests: registers a
 * beforeAll that launches Chromium, builds the site with Vite (with extra plugins if given)
 * into a temporary folder and serves it under `subPath`, and an afterAll that stops both.
 * `load` opens a query, recording console errors and warnings, page errors and failed requests
 * in `problems`; `open` also waits until the page has finished its runs. When Chromium cannot start, `open` throws why — a test
 * fails, never skips. Screenshots go to ARTIFACTS (git-ignored).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type Chromium } from '../../web/tools/chromium.ts';
import { serveStatic, type StaticServer } from '../../web/tools/serveStatic.ts';

export const ARTIFACTS = 'test/artifacts';

export interface BuiltSite {
  readonly problems: string[];
  readonly chromium: Chromium;
  readonly url: string;
  /** Throws why Chromium could not start, if it could not. */
  ready(): void;
  load(query: string, width?: number, height?: number): Promise<Page>;
  open(query: string, width?: number, height?: number): Promise<Page>;
}

export function builtSite(tag: string, subPath: string, plugins: Plugin[] = []): BuiltSite {
  let outDir = '';
  let server: StaticServer | undefined;
  let chromium: Chromium | undefined;
  let launchError: unknown;
  const problems: string[] = [];
  beforeAll(async () => {
    try {
      chromium = await launchChromium();
    } catch (e) {
      launchError = e;
      return;
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    outDir = mkdtempSync(join(tmpdir(), `tokensim-${tag}-`));
    await build({ configFile: 'vite.config.ts', logLevel: 'error', plugins, build: { outDir, emptyOutDir: true } });
    server = await serveStatic(outDir, subPath);
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });
  const site: BuiltSite = {
    problems,
    get chromium() {
      site.ready();
      return chromium!;
    },
    get url() {
      site.ready();
      return server!.url;
    },
    ready() {
      if (launchError) throw launchError;
    },
    async load(query, width = 1280, height = 800) {
      const page = await site.chromium.newPage(width, height);
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      await page.goto(`${site.url}${query}`);
      return page;
    },
    async open(query, width, height) {
      const page = await site.load(query, width, height);
      await page.waitForSelector('[data-testid=app][data-status=done]', { timeout: 60_000 });
      return page;
    },
  };
  return site;
}
