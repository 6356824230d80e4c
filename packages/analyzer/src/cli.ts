import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AnalyzerError } from './errors.ts';
import { type BusinessStory, parseStory } from './story/story.ts';
import type { ProgressEvent } from './types.ts';

const USAGE = `Usage: quento-analyze <url> [--max-pages N] [--max-depth N] [--render | --static]
                      [--concurrency N] [--allow-private] [--story FILE]
                      [--json | --md | --html FILE] [--screenshot FILE]
  --screenshot FILE: also save the home page's first screen (JPEG, 1280 x 800) there.
  --story FILE: the business's details as JSON (name, phone, address, services, serviceAreas,
  openingHours, website, country) for the story-to-site audits.
  Without --render or --static, pages whose HTML is an application shell are rendered in
  Chromium when one is installed.`;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name} must be a positive integer`);
  return Number(value);
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'max-pages': { type: 'string' },
      'max-depth': { type: 'string' },
      concurrency: { type: 'string' },
      render: { type: 'boolean', default: false },
      static: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      md: { type: 'boolean', default: false },
      html: { type: 'string' },
      story: { type: 'string' },
      screenshot: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true as const };
  if (positionals.length !== 1) throw new UsageError('Expected exactly one URL');
  const formats = [values.json, values.md, values.html !== undefined].filter(Boolean).length;
  if (formats > 1) throw new UsageError('--json, --md and --html are mutually exclusive');
  if (values.html === '') throw new UsageError('--html needs a file name');
  if (values.story === '') throw new UsageError('--story needs a file name');
  if (values.screenshot === '') throw new UsageError('--screenshot needs a file name');
  if (values.render && values.static) {
    throw new UsageError('--render and --static are mutually exclusive');
  }
  return {
    help: false as const,
    url: positionals[0] as string,
    maxPages: positiveInt('max-pages', values['max-pages']),
    maxDepth: values['max-depth'] === '0' ? 0 : positiveInt('max-depth', values['max-depth']),
    concurrency: positiveInt('concurrency', values.concurrency),
    render: values.render ? true : values.static ? false : ('auto' as const),
    allowPrivate: values['allow-private'] || process.env.ALLOW_PRIVATE_NETWORKS === 'true',
    json: values.json,
    md: values.md,
    html: values.html,
    story: values.story,
    screenshot: values.screenshot,
  };
}

/** Reads and checks the --story file; a missing or malformed file is a usage error. */
async function readStory(file: string): Promise<BusinessStory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--story: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
  try {
    return parseStory(JSON.parse(text));
  } catch (err) {
    throw new UsageError(`--story: ${file}: ${(err as Error).message}`);
  }
}

/** A one-line progress bar on stderr, redrawn in place; only on a terminal. */
function progressBar(stream: NodeJS.WriteStream) {
  let last = 0;
  return {
    update(e: ProgressEvent) {
      if (!stream.isTTY || e.type === 'queued') return;
      const now = Date.now();
      if (now - last < 80 && e.type !== 'done') return;
      last = now;
      const total = Math.max(e.total, e.audited, 1);
      const width = 30;
      const filled = Math.round((Math.min(e.audited, total) / total) * width);
      const url = (e.url ?? '').slice(0, Math.max(0, (stream.columns ?? 100) - width - 20));
      stream.write(
        `\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${e.audited}/${total} ${url}`,
      );
    },
    clear() {
      if (stream.isTTY) stream.write('\r\x1b[2K');
    },
  };
}

/** Runs the CLI; returns the exit code (0 done, 1 start URL unusable, 2 bad arguments). */
export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  let story: BusinessStory | undefined;
  try {
    args = parse(argv);
    if (!args.help && args.story !== undefined) story = await readStory(args.story);
  } catch (err) {
    process.stderr.write(`quento-analyze: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const bar = args.json ? null : progressBar(process.stderr);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    // Loaded after argument parsing so that usage errors and --help answer instantly.
    const { analyzeSite } = await import('./analyze.ts');
    const { screenshot, ...report } = await analyzeSite({
      url: args.url,
      ...(args.maxPages !== undefined ? { maxPages: args.maxPages } : {}),
      ...(args.maxDepth !== undefined ? { maxDepth: args.maxDepth } : {}),
      ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      render: args.render,
      allowPrivate: args.allowPrivate,
      ...(story ? { story } : {}),
      ...(args.screenshot ? { screenshot: true } : {}),
      signal: controller.signal,
      ...(bar ? { onProgress: (e: ProgressEvent) => bar.update(e) } : {}),
    });
    bar?.clear();
    if (args.screenshot) {
      // The picture goes to its file; the report (any format) only says whether there is one.
      if (screenshot) await writeFile(args.screenshot, screenshot.data);
      process.stderr.write(
        screenshot
          ? `Screenshot written to ${args.screenshot}\n`
          : `No screenshot: ${report.screenshotError?.message ?? 'unknown reason'}\n`,
      );
    }
    if (args.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else if (args.md) {
      const { renderMarkdown } = await import('./report/markdown.ts');
      process.stdout.write(renderMarkdown(report));
    } else {
      if (args.html) {
        const { renderHtml } = await import('./report/html.ts');
        await writeFile(args.html, renderHtml(report));
        process.stderr.write(`Report written to ${args.html}\n`);
      }
      const { renderSummary } = await import('./report/summary.ts');
      process.stdout.write(renderSummary(report));
    }
    return 0;
  } catch (err) {
    bar?.clear();
    if (err instanceof AnalyzerError) {
      process.stderr.write(`quento-analyze: ${err.code}: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`quento-analyze: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
