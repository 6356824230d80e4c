import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking'] });
for (let i=0;i<3;i++){
const ctx = await b.newContext({ viewport: { width: 390, height: 844 } });
const p = await ctx.newPage();
await p.addInitScript(() => { window.__lt=[]; new PerformanceObserver(l=>{for(const e of l.getEntries()) window.__lt.push([Math.round(e.startTime),Math.round(e.duration)]);}).observe({type:'longtask',buffered:true}); });
const t0=Date.now();
await p.goto('http://127.0.0.1:8766/');
await p.waitForFunction(() => document.body.innerText.includes('Sign in'));
const t=Date.now()-t0;
await p.waitForTimeout(500);
console.log('signin text after', t, 'ms; long tasks', JSON.stringify(await p.evaluate(()=>window.__lt)));
await ctx.close();}
await b.close();
