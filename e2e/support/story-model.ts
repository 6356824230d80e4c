import type { FakeChatRequest, FakeReply } from '../../apps/api/test/support/fake-llm.ts';

/** What the owner tells Quento in the journey, in one message, the way a busy owner would. */
export function storyMessage(siteUrl: string): string {
  return [
    'We are Harbor Bakery, a family bakery by the harbour in Portland.',
    'We bake sourdough bread, pastries and celebration cakes, and we cater office breakfasts.',
    'Our customers are local families and offices nearby.',
    'What makes us different: everything is baked at 4 am with flour from a local mill, and we deliver by bike.',
    'Our goal this year is more catering bookings.',
    `Our website is ${siteUrl}`,
  ].join(' ');
}

function conversation(req: FakeChatRequest): string {
  return req.messages
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}

/**
 * The loopback model's answers: the profile extraction reads the facts out of the conversation it
 * was sent (nothing is filled unless the owner said it), and chat replies are short advice.
 */
export function storyResponder(req: FakeChatRequest): FakeReply {
  const said = conversation(req);
  if (req.tools.some((t) => t.function.name === 'update_business_profile')) {
    const told = said.includes('Harbor Bakery');
    const site = said.match(/Our website is (\S+)/)?.[1]?.replace(/[.,]$/, '') ?? null;
    return {
      toolCalls: [
        {
          name: 'update_business_profile',
          args: told
            ? {
                name: 'Harbor Bakery',
                offering:
                  'Sourdough bread, pastries, celebration cakes and office breakfast catering',
                audience: 'Local families and nearby offices',
                differentiators: [
                  'Baked fresh at 4 am with flour from a local mill',
                  'Delivery by bike',
                ],
                goals: ['More catering bookings'],
                website_url: site,
                competitors: [],
              }
            : {
                name: null,
                offering: null,
                audience: null,
                differentiators: [],
                goals: [],
                website_url: null,
                competitors: [],
              },
        },
      ],
    };
  }
  if (req.tools.length > 0) return { content: 'No changes.' };
  const reply = said.includes('Harbor Bakery')
    ? 'Thank you, that is a clear story. Harbor Bakery has two strong draws: bread baked at 4 am from local flour, and delivery by bike. Next, I will look at your website to see how well it tells that story to people searching for catering.'
    : 'Tell me about your business: what you sell, who buys it, and what makes you different.';
  return { content: reply, tokenDelayMs: 5 };
}
