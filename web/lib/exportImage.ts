/**
 * SVG and PNG export of one chart: the chart's panel SVGs are placed where they sit on the
 * page inside one standalone SVG, with the title, legend, caption and provenance written as
 * SVG text, so the file reads on its own. Drawn elements carry presentation attributes (not
 * page CSS), so the copy looks like the page. Hover marks are left out.
 */
import { escapeXml, wrapText } from './svgText.ts';

export interface ExportMeta {
  title: string;
  caption: string;
  legend: { label: string; colour: string }[];
  provenance: string;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/** The chart under `figure` (panels marked `data-panel`) as standalone SVG text, with its size. */
export function composeChartSvg(figure: HTMLElement, meta: ExportMeta): { svg: string; width: number; height: number } {
  const box = figure.getBoundingClientRect();
  const pad = 12;
  const width = Math.max(320, Math.round(box.width)) + 2 * pad;
  const parts: string[] = [];
  let y = pad + 16;
  parts.push(`<text x="${pad}" y="${y}" font-size="16" font-weight="700">${escapeXml(meta.title)}</text>`);
  y += 22;
  let x = pad;
  for (const item of meta.legend) {
    const w = 22 + item.label.length * 6.5 + 14;
    if (x + w > width - pad && x > pad) {
      x = pad;
      y += 18;
    }
    parts.push(`<rect x="${x}" y="${y - 9}" width="16" height="10" fill="${item.colour}"/>`);
    parts.push(`<text x="${x + 22}" y="${y}" font-size="12">${escapeXml(item.label)}</text>`);
    x += w;
  }
  const top = y + 14;
  let bottom = top;
  const panels = [...figure.querySelectorAll<HTMLElement>('[data-panel]')];
  const firstTop = Math.min(...panels.map((p) => p.getBoundingClientRect().top));
  for (const panel of panels) {
    // Small multiples put several plots in one panel.
    const svgs = [...panel.querySelectorAll<SVGSVGElement>('svg[data-plot]')];
    if (svgs.length === 0) continue;
    const tr = panel.getBoundingClientRect();
    const panelX = pad + Math.round(tr.left - box.left);
    const panelY = top + Math.round(tr.top - firstTop);
    parts.push(`<text x="${panelX}" y="${panelY + 13}" font-size="13" font-weight="600">${escapeXml(panel.dataset.title ?? '')}</text>`);
    wrapText(panel.dataset.key ?? '', Math.floor(tr.width / 5.6)).forEach((line, k) => {
      parts.push(`<text x="${panelX}" y="${panelY + 28 + 13 * k}" font-size="10.5" fill="#333">${escapeXml(line)}</text>`);
    });
    for (const svg of svgs) {
      const r = svg.getBoundingClientRect();
      const clone = svg.cloneNode(true) as SVGSVGElement;
      clone.querySelectorAll('[data-export="skip"]').forEach((n) => n.remove());
      clone.setAttribute('x', String(pad + Math.round(r.left - box.left)));
      clone.setAttribute('y', String(top + Math.round(r.top - firstTop)));
      for (const a of ['class', 'data-plot', 'tabindex', 'role', 'aria-label', 'aria-valuenow', 'aria-valuemin', 'aria-valuemax', 'aria-valuetext']) clone.removeAttribute(a);
      parts.push(new XMLSerializer().serializeToString(clone));
      bottom = Math.max(bottom, top + Math.round(r.bottom - firstTop));
    }
  }
  y = bottom + 20;
  for (const line of wrapText(meta.caption, Math.floor((width - 2 * pad) / 6.6))) {
    parts.push(`<text x="${pad}" y="${y}" font-size="12">${escapeXml(line)}</text>`);
    y += 16;
  }
  for (const line of wrapText(meta.provenance, Math.floor((width - 2 * pad) / 6))) {
    parts.push(`<text x="${pad}" y="${y + 2}" font-size="10" fill="#555">${escapeXml(line)}</text>`);
    y += 14;
  }
  const height = Math.round(y + pad);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}'>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
  return { svg, width, height };
}

/** Renders SVG text to a PNG blob at `scale`× (2 gives crisp text on most screens). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart image could not be rendered'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
