import { z } from 'zod';

const point = z.object({
  point: z.string().min(3).max(600).describe('The finding, in plain words for the owner'),
  page: z.string().max(2048).describe('The URL of the page the quote is from, exactly as given'),
  quote: z
    .string()
    .max(400)
    .describe('Words copied exactly from that page, showing what the point rests on'),
});

const firstScreen = point.extend({
  says: z.boolean().describe('Whether the first screen says it'),
});

/** What the model returns; anything outside it is rejected (and the assessment left out). */
export const assessmentSchema = z.object({
  first_screen: z.object({
    what: firstScreen.describe('Does the first screen say what the business offers?'),
    for_whom: firstScreen.describe('Does it say for whom?'),
    where: firstScreen.describe('Does it say where the business works?'),
  }),
  unproven_claims: z
    .array(point)
    .max(10)
    .describe('Claims the pages make without proof (reviews, numbers, awards, examples)'),
  audience_gaps: z
    .array(point.extend({ audience: z.string().min(1).max(200) }))
    .max(10)
    .describe('For each audience the owner named, what such a customer would look for and miss'),
});
export type AssessmentOutput = z.infer<typeof assessmentSchema>;
