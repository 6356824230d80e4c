/**
 * Quality evaluation of profile extraction against a real model (not part of the unit run).
 *   CHAT_MODEL=openai:gpt-4o-mini OPENAI_API_KEY=... npx tsx test/ai/profile-extraction.eval.ts
 * Prints a per-case score (share of expected facts found) and the mean; exits 0 without a model.
 */
import { extractProfilePatch } from '../../src/ai/chains/conversation/index.ts';
import { createModelGateway } from '../../src/ai/models.ts';
import type { ProfilePatch } from '../../src/ai/profile.ts';
import { loadConfig } from '../../src/config.ts';
import { aiSettingsFromConfig } from '../../src/plugins/ai.ts';

interface Case {
  name: string;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
  expect: Record<string, string[]>;
}

const cases: Case[] = [
  {
    name: 'one-line story',
    messages: [
      { role: 'assistant', content: 'Tell me about your business.' },
      {
        role: 'user',
        content: "We're Crumbs & Co, we sell sourdough to cafés in Leeds. Site: crumbs.co.uk",
      },
    ],
    expect: {
      name: ['crumbs'],
      offering: ['sourdough'],
      audience: ['caf'],
      website_url: ['crumbs.co.uk'],
    },
  },
  {
    name: 'assistant suggestions are not facts',
    messages: [
      { role: 'assistant', content: 'Is your goal perhaps to open a second shop?' },
      {
        role: 'user',
        content: 'No, we just want more wholesale clients. Breadbox.com is our main rival.',
      },
    ],
    expect: { goals: ['wholesale'], competitors: ['breadbox.com'] },
  },
  {
    name: 'list of differentiators',
    messages: [
      { role: 'assistant', content: 'What makes you different?' },
      { role: 'user', content: '48-hour fermentation, organic flour, and we deliver before 7am.' },
    ],
    expect: { differentiators: ['ferment', 'organic', '7'] },
  },
];

function score(patch: ProfilePatch, expected: Record<string, string[]>): number {
  let found = 0;
  let total = 0;
  for (const [field, needles] of Object.entries(expected)) {
    const value = JSON.stringify(patch[field as keyof ProfilePatch] ?? '').toLowerCase();
    for (const n of needles) {
      total++;
      if (value.includes(n.toLowerCase())) found++;
    }
  }
  return total ? found / total : 1;
}

const settings = aiSettingsFromConfig(loadConfig(process.env));
if (!settings.chatModel) {
  console.log('CHAT_MODEL is not set: nothing to evaluate.');
} else {
  const gateway = createModelGateway(settings);
  const scores: number[] = [];
  for (const c of cases) {
    const { patch } = await extractProfilePatch(gateway, { profile: null, messages: c.messages });
    const s = score(patch, c.expect);
    scores.push(s);
    console.log(`${s.toFixed(2)}  ${c.name}  ${JSON.stringify(patch)}`);
  }
  console.log(`mean ${(scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(2)}`);
}
