/** The guided advisor's wording, kept apart from its logic so it can be edited freely. */
import type { ProfileField } from '../profile.ts';

export const NO_MODEL_NOTICE =
  'No AI model is configured on this Quento server, so I am running as a guided advisor: ' +
  'I ask the core-story questions one at a time and answer from your own analyses and strategy.';

export const QUESTIONS: Record<ProfileField, string> = {
  name: 'What is the name of your business?',
  offering: 'What do you sell or offer?',
  audience: 'Who are your customers? Describe the people or businesses you serve.',
  differentiators:
    'What makes you different from others who offer the same? List a few things, separated by commas.',
  goals:
    'What do you want to achieve in the next year? For example: more bookings, more online sales, a stronger local reputation.',
  website_url: 'What is your website address? (If you have none yet, just say so.)',
  competitors:
    'Which competitors do you watch? Give their website addresses, or say "none" if you are not sure.',
};

export const REASK: Partial<Record<ProfileField, string>> = {
  website_url:
    'I could not find a web address in that. Please type it like example.com, or say "no website".',
  competitors:
    'I need your competitors\' web addresses (like rival-bakery.com) to analyse them. Type them, or say "none".',
  name: 'Sorry, I did not catch the name. What is your business called?',
};

export const LABELS: Record<ProfileField, string> = {
  name: 'name',
  offering: 'offering',
  audience: 'customers',
  differentiators: 'what sets you apart',
  goals: 'goals',
  website_url: 'website',
  competitors: 'competitors',
};

/** How the guided advisor says back what it understood: one whole sentence per field. */
export const ACKNOWLEDGE: Record<ProfileField, (value: string) => string> = {
  name: (v) => `Your business is called ${v}.`,
  offering: (v) => `You offer ${v}.`,
  audience: (v) => `Your customers: ${v}.`,
  differentiators: (v) => `What sets you apart: ${v}.`,
  goals: (v) => `Your goals: ${v}.`,
  website_url: (v) => `Your website is ${v}.`,
  competitors: (v) => `Competitors to compare with: ${v}.`,
};

export const COMPLETE_MESSAGE =
  'That completes your core story. Next, open Discover to analyse your website; I can then tell you your scores and top findings.';

export const HELP_MESSAGE =
  'Without a model I can: collect your core story (name, offering, customers, what sets you apart, goals, website, competitors), ' +
  'tell you your latest analysis scores and top findings, list your top recommendations, and count your action items. ' +
  'Ask for example "what are my scores?", "what should I fix first?" or "how many actions are left?".';
