import type { Screenshot } from '@quento/analyzer';
import type { AnalysisScreenshot } from '@quento/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { type FileStore, fileKeys } from '../../files/index.ts';
import type { FileLinks } from '../../files/links.ts';

/** What analyses.screenshot records: where the picture is in the file store, and its shape. */
export const StoredScreenshot = z.object({
  key: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  page_url: z.string(),
});
export type StoredScreenshot = z.infer<typeof StoredScreenshot>;

/**
 * Stores an analysis's screenshot under its folder. A store that fails costs the screenshot, not
 * the analysis: the reason is returned for the report and logged.
 */
export async function storeScreenshot(
  files: FileStore,
  row: { id: string; userId: string },
  shot: Screenshot,
  log: FastifyBaseLogger,
): Promise<{ stored: StoredScreenshot } | { error: string }> {
  const key = fileKeys.screenshot(row.userId, row.id);
  try {
    await files.put(key, shot.data, { contentType: shot.contentType });
  } catch (err) {
    log.warn({ err, analysisId: row.id }, 'screenshot not stored');
    return { error: 'The screenshot could not be stored.' };
  }
  return {
    stored: {
      key,
      content_type: shot.contentType,
      size: shot.data.length,
      width: shot.width,
      height: shot.height,
      page_url: shot.url,
    },
  };
}

/** A signed link to the screenshot, shown inline (an image tag), or null when there is none. */
export async function screenshotLink(
  links: FileLinks,
  stored: StoredScreenshot | null,
  origin: string,
): Promise<AnalysisScreenshot | null> {
  if (!stored) return null;
  const link = await links.sign(
    stored.key,
    { filename: 'homepage.jpg', contentType: stored.content_type, disposition: 'inline' },
    origin,
  );
  return {
    ...link,
    content_type: stored.content_type,
    width: stored.width,
    height: stored.height,
    page_url: stored.page_url,
  };
}
