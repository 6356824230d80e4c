import { CONFIG } from '../config.ts';
import type { AnalysisReport } from '../types.ts';
import { CATEGORY_IDS, failingAudits, fmtScore, readModes } from './summary.ts';

function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escapes, then renders Lighthouse-style `code` spans in titles. */
function text(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function colour(score: number | null | undefined): string {
  if (score === null || score === undefined) return '#888';
  return score >= 90 ? '#0a7d38' : score >= 50 ? '#b35c00' : '#c5221f';
}

/** A self-contained HTML report: inline CSS, no scripts, no external resources. */
export function renderHtml(report: AnalysisReport): string {
  const gauges = [
    ['overall', 'Overall'] as const,
    ...CATEGORY_IDS.map((id) => [id, CONFIG.categories[id].title] as const),
  ]
    .map(([id, title]) => {
      const s = report.scores[id];
      return `<div class="gauge" style="border-color:${colour(s)}"><b style="color:${colour(s)}">${esc(fmtScore(s))}</b><span>${esc(title)}</span></div>`;
    })
    .join('');
  const failing = failingAudits(report)
    .map((f) => {
      let details = '';
      if (f.entry.scope === 'page') {
        const rows = report.pages
          .filter((p) => (p.audits[f.entry.id]?.score ?? 1) < 1)
          .slice(0, 25)
          .map(
            (p) =>
              `<li><a href="${esc(p.url)}">${esc(p.url)}</a> — ${esc(p.audits[f.entry.id]?.explanation ?? '')}</li>`,
          );
        details = `<ul>${rows.join('')}</ul>`;
      } else if (f.site) {
        const rows = f.site.items.slice(0, 25).map(
          (i) =>
            `<li>${esc(
              Object.values(i)
                .filter((v) => v !== null)
                .join(' — '),
            )}</li>`,
        );
        details = `<p>${esc(f.site.explanation)}</p><ul>${rows.join('')}</ul>`;
      }
      const where =
        f.entry.scope === 'page'
          ? ` <small>${f.pages} page${f.pages === 1 ? '' : 's'}</small>`
          : '';
      return `<details><summary>${text(f.entry.failureTitle)}${where}</summary><p>${esc(f.entry.description)}</p><p><b>Fix:</b> ${esc(f.entry.fixHint)}</p>${details}</details>`;
    })
    .join('');
  const pages = report.pages
    .map(
      (p) =>
        `<tr><td><a href="${esc(p.url)}">${esc(p.url)}</a></td><td>${esc(p.status || p.error?.code || '')}</td><td>${p.timing.ttfbMs}</td><td>${p.sizeBytes}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Website analysis: ${esc(report.finalUrl)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
.gauges{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
.gauge{border:4px solid;border-radius:50%;width:96px;height:96px;display:flex;flex-direction:column;align-items:center;justify-content:center}
.gauge b{font-size:28px}.gauge span{font-size:12px}
details{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.5rem 0}summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:4px;text-align:left;word-break:break-all}
</style></head><body>
<h1>Website analysis</h1>
<p><a href="${esc(report.finalUrl)}">${esc(report.finalUrl)}</a> — ${esc(readModes(report))}, ${esc(report.finishedAt)}</p>
<div class="gauges">${gauges}</div>
<h2>What to fix</h2>${failing || '<p>Every check passed.</p>'}
<h2>Pages</h2><table><thead><tr><th>URL</th><th>Status</th><th>TTFB ms</th><th>Bytes</th></tr></thead><tbody>${pages}</tbody></table>
</body></html>
`;
}
