import { z } from 'zod';

/**
 * A short-lived signed link to a stored file: it works without the Authorization header (a
 * browser download, a share sheet, an image tag) until `expires_at`, and not after. Links to the
 * S3-compatible store are presigned GET URLs; links to the local store are served by the API.
 */
export const FileLink = z.object({
  url: z.url().describe('Absolute URL; no Authorization header needed'),
  expires_at: z.iso.datetime().describe('The link is refused after this instant'),
});
export type FileLink = z.infer<typeof FileLink>;

/** A strategy export, stored and handed out as a link (POST /strategy/{id}/export). */
export const StrategyExport = FileLink.extend({
  file_name: z
    .string()
    .describe('ASCII file name, also sent as the download’s Content-Disposition'),
  content_type: z.string(),
  size: z.number().int().min(0).describe('Bytes'),
});
export type StrategyExport = z.infer<typeof StrategyExport>;

/** The screenshot of the home page an analysis took (GET /analysis/{id}). */
export const AnalysisScreenshot = FileLink.extend({
  content_type: z.string(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  /** The page shown (the home page after redirects). */
  page_url: z.string(),
});
export type AnalysisScreenshot = z.infer<typeof AnalysisScreenshot>;
