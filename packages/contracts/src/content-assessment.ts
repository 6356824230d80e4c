import { z } from 'zod';

/** One point of the content assessment, with the page and the words on it that it rests on. */
export const AssessmentPoint = z.object({
  point: z.string(),
  page: z.string(),
  quote: z.string(),
});
export type AssessmentPoint = z.infer<typeof AssessmentPoint>;

/** Whether the home page's first screen says one thing (what, for whom, where). */
export const FirstScreenAnswer = AssessmentPoint.extend({ says: z.boolean() });
export type FirstScreenAnswer = z.infer<typeof FirstScreenAnswer>;

/**
 * The analysis chain's content assessment (stored in an analysis's results as
 * `content_assessment` when ANALYSIS_MODEL is set). Every point kept cites a page and a quote
 * found in that page's text; points without one are dropped and counted.
 */
export const ContentAssessment = z.object({
  model: z.string(),
  first_screen: z.object({
    what: FirstScreenAnswer.nullable(),
    for_whom: FirstScreenAnswer.nullable(),
    where: FirstScreenAnswer.nullable(),
  }),
  unproven_claims: z.array(AssessmentPoint),
  audience_gaps: z.array(AssessmentPoint.extend({ audience: z.string() })),
  /** Pages the model read, in order (the home page first). */
  pages: z.array(z.string()),
  /** Points the model returned, and how many of them were dropped as uncited or unverifiable. */
  points_returned: z.number().int(),
  points_dropped: z.number().int(),
  tokens_used: z.number().int(),
});
export type ContentAssessment = z.infer<typeof ContentAssessment>;
