// Renders a `dti report` page in headless Chromium and checks what a reader would: the
// headline, the pillar chart and the rank history are there and drawn, nothing is fetched
// from anywhere, and the page fits the width of A4. `PAGE.html#REGION` also asks for the
// regional comparison: a visible `#region` section naming REGION with a rank k/N in it.
// Writes a PNG and a DOM dump beside the page (under target/, out of git).
//
//   node tests/browser/check-report.mjs PAGE.html[#REGION] [MORE.html ...]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';

const A4_WIDTH_PX = Math.floor(210 / 25.4 * 96); // 793 CSS pixels
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failures = 0;
const fail = (page, msg) => { failures++; console.error(`FAIL ${page}: ${msg}`); };

for (const arg of process.argv.slice(2)) {
  const [file, region] = arg.split('#');
  const before = failures;
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: A4_WIDTH_PX, height: 1123 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });

  const facts = await page.evaluate(() => {
    const box = (sel) => { const e = document.querySelector(sel); if (!e) return null; const r = e.getBoundingClientRect(); return { w: r.width, h: r.height }; };
    return {
      headline: document.querySelector('#headline')?.textContent ?? '',
      title: document.title,
      h1: document.querySelector('h1')?.textContent ?? '',
      pillarChart: box('#pillar-chart'),
      bars: document.querySelectorAll('#pillar-chart rect.bar').length,
      historyChart: box('#rank-history'),
      points: document.querySelectorAll('#rank-history circle.point').length,
      historyRows: document.querySelectorAll('#history tbody tr').length,
      scrollWidth: document.documentElement.scrollWidth,
      scripts: document.querySelectorAll('script').length,
      region: box('#region'),
      regionText: document.querySelector('#region')?.innerText ?? '',
      planTitle: document.querySelector('#plan h2')?.textContent ?? null,
      planSteps: document.querySelectorAll('#plan tbody tr').length,
      planBox: box('#plan table'),
    };
  });
  if (region) {
    if (!facts.region || facts.region.h < 30) fail(file, 'the regional comparison is missing or not drawn');
    if (!facts.regionText.includes(region)) fail(file, `the regional comparison does not name ${region}`);
    if (!/\d+\/\d+/.test(facts.regionText)) fail(file, 'no regional rank k/N in the regional comparison');
  }
  if (!/\d+\/\d+/.test(facts.headline)) fail(file, `no rank k/N in the headline: "${facts.headline}"`);
  if (!facts.h1) fail(file, 'no unit name');
  if (!facts.pillarChart || facts.pillarChart.h < 50) fail(file, 'the pillar chart is missing or not drawn');
  if (facts.bars < 3) fail(file, `the pillar chart has ${facts.bars} bars`);
  if (!facts.historyChart || facts.historyChart.h < 50) fail(file, 'the rank history is missing or not drawn');
  if (facts.points !== facts.historyRows) fail(file, `${facts.points} points for ${facts.historyRows} years`);
  if (facts.scrollWidth > A4_WIDTH_PX) fail(file, `the page is ${facts.scrollWidth}px wide, more than A4 (${A4_WIDTH_PX}px)`);
  if (facts.scripts > 0) fail(file, 'the page has scripts');
  // `report --plan K` (pages named *-plan-K.html): the section, titled for K, with its steps shown.
  const asked = file.match(/-plan-(\d+)\.html$/);
  if (asked) {
    const k = asked[1];
    if (facts.planTitle !== `Để vào top ${k}` && facts.planTitle !== `To reach the top ${k}`) {
      fail(file, `no "Để vào top ${k}" / "To reach the top ${k}" section (found: ${facts.planTitle})`);
    }
    if (facts.planSteps < 1) fail(file, 'the plan section lists no step');
    if (!facts.planBox || facts.planBox.h < 20) fail(file, 'the plan table is not drawn');
  } else if (facts.planTitle !== null) {
    fail(file, 'a plan section on a page that did not ask for one');
  }

  // Print layout: A4 pages, nothing wider than the printable area.
  await page.emulateMedia({ media: 'print' });
  const printWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (printWidth > A4_WIDTH_PX) fail(file, `in print the page is ${printWidth}px wide`);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });

  if (requests.length > 0) fail(file, `requests left the page: ${requests.join(', ')}`);
  const stem = file.replace(/\.html$/, '');
  await page.screenshot({ path: `${stem}.png`, fullPage: true });
  writeFileSync(`${stem}.dom.html`, await page.content());
  writeFileSync(`${stem}.pdf`, pdf);
  console.log(`${failures === before ? 'ok' : 'checked'} ${file}: "${facts.headline}", ${facts.bars} bars, ${facts.points} history points, ` +
    `${facts.scrollWidth}px wide, ${requests.length} requests` + (asked ? `, plan "${facts.planTitle}" with ${facts.planSteps} steps` : '') + `; wrote ${stem}.png, ${stem}.dom.html, ${stem}.pdf`);
  await context.close();
}
await browser.close();
if (failures > 0) { console.error(`${failures} check(s) failed`); process.exit(1); }
