/**
 * Grabs a range slider's thumb with the mouse and drags it to a fraction of the track, leaving
 * the button down: the caller holds it there or lets go (`page.mouse.up()`). For the browser
 * tests and bench/web-latency.ts, which drag the page's sliders as a reader does.
 */
import type { Page } from 'playwright-core';

/** Half the thumb's width: the track runs from the box's left + this to its right − this. */
const HALF_THUMB = 8;

export async function grabAndDrag(page: Page, selector: string, to: number): Promise<void> {
  const range = page.locator(selector);
  await range.scrollIntoViewIfNeeded();
  const box = (await range.boundingBox())!;
  const from = Number(await range.inputValue()) / Number(await range.getAttribute('max'));
  const y = box.y + box.height / 2;
  const xAt = (f: number) => box.x + HALF_THUMB + f * (box.width - 2 * HALF_THUMB);
  await page.mouse.move(xAt(from), y);
  await page.mouse.down();
  await page.mouse.move(xAt((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(xAt(to), y, { steps: 4 });
}
