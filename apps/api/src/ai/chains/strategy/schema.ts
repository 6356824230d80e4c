import { Level, RecommendationCategory } from '@quento/contracts';
import { z } from 'zod';

/** What the model returns; anything outside it is rejected and retried, then dropped. */
export const tailoringSchema = z.object({
  summary: z.string().min(1).max(1200),
  order: z.array(z.string()).max(50),
  rewrites: z
    .array(
      z.object({
        id: z.string(),
        title: z.string().min(3).max(160),
        description: z.string().min(3).max(1200),
      }),
    )
    .max(50),
  strategic: z
    .array(
      z.object({
        title: z.string().min(3).max(160),
        description: z.string().min(3).max(1200),
        category: RecommendationCategory,
        impact: Level,
        effort: Level,
        rationale: z.string().min(3).max(1200),
      }),
    )
    .max(3),
});
export type Tailoring = z.infer<typeof tailoringSchema>;
