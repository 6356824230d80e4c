import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from './support/app.ts';
import { type FakeLlmServer, startFakeLlm } from './support/fake-llm.ts';

const URL_PATH = '/api/v1/users/me/profile';

const FULL = {
  name: 'Rise Bakery',
  offering: 'Sourdough bread for cafés',
  audience: 'Cafés in Leeds',
  differentiators: ['48-hour fermentation'],
  goals: ['Win 10 café accounts'],
  website_url: 'https://rise-bakery.example',
};

forEachBackend((backend) => {
  describe('guided advisor', () => {
    const ctx = useApp(backend, { RUN_WORKER: 'false' });
    const get = (s: Session) => ctx.app.inject({ url: URL_PATH, headers: bearer(s.access) });
    const put = (s: Session, payload: unknown) =>
      ctx.app.inject({
        method: 'PUT',
        url: URL_PATH,
        headers: bearer(s.access),
        payload: payload as Record<string, unknown>,
      });
    /** A guided core-story chat; `opened` runs once the session asked its first question. */
    const chat = async (s: Session, answers: string[], opened?: () => Promise<unknown>) => {
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/chat/sessions',
        headers: bearer(s.access),
        payload: { ring_phase: 'core' },
      });
      expect(created.statusCode, created.body).toBe(201);
      await opened?.();
      for (const content of answers) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/chat/sessions/${created.json().id}/messages`,
          headers: bearer(s.access),
          payload: { content },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    };

    it('needs a token', async () => {
      assertError(await ctx.app.inject({ url: URL_PATH }), 401, 'UNAUTHORIZED');
      assertError(
        await ctx.app.inject({ method: 'PUT', url: URL_PATH, payload: { name: 'x' } }),
        401,
        'UNAUTHORIZED',
      );
    });

    it('reads an empty, normalised profile before anything is stored', async () => {
      const s = await register(ctx.app);
      const res = await get(s);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        profile: {
          name: null,
          offering: null,
          audience: null,
          differentiators: [],
          goals: [],
          website_url: null,
          competitors: [],
        },
        details: {
          phone: null,
          address: null,
          services: [],
          service_areas: [],
          opening_hours: [],
          country: null,
        },
        owner_fields: [],
        complete: false,
        missing_fields: ['name', 'offering', 'audience', 'differentiators', 'goals', 'website_url'],
        updated_at: null,
      });
    });

    it('changes only the fields sent; lists replace; the fields become the owner’s', async () => {
      const s = await register(ctx.app);
      let res = await put(s, { name: '  Rise Bakery ', goals: ['More cafés', 'A second oven'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().profile).toMatchObject({
        name: 'Rise Bakery',
        offering: null,
        goals: ['More cafés', 'A second oven'],
      });
      expect(res.json().owner_fields).toEqual(['name', 'goals']);
      expect(res.json().updated_at).toEqual(expect.any(String));

      res = await put(s, { goals: ['Win 10 café accounts'] });
      expect(res.json().profile).toMatchObject({
        name: 'Rise Bakery',
        goals: ['Win 10 café accounts'],
      });
      expect((await get(s)).json()).toEqual(res.json());

      // An empty update changes nothing.
      const same = await put(s, {});
      expect(same.statusCode).toBe(200);
      expect(same.json()).toEqual(res.json());
    });

    it('refuses unknown keys and bad values with 400, and stores nothing', async () => {
      const s = await register(ctx.app);
      await put(s, { name: 'Before' });
      for (const payload of [
        { name: 'After', owner_fields: ['name'] },
        { nickname: 'x' },
        { name: '' },
        { name: 42 },
        { goals: 'not a list' },
        {
          competitors: [
            'a.example',
            'b.example',
            'c.example',
            'd.example',
            'e.example',
            'f.example',
          ],
        },
      ]) {
        assertError(await put(s, payload), 400, 'VALIDATION_FAILED');
      }
      expect((await get(s)).json().profile.name).toBe('Before');
    });

    it('answers a bad URL with 422 and a code naming the field', async () => {
      const s = await register(ctx.app);
      let res = await put(s, { website_url: 'ftp://rise-bakery.example' });
      assertError(res, 422, 'URL_REFUSED');
      expect(res.json().error.details).toEqual({ field: 'website_url' });
      res = await put(s, { name: 'Rise', competitors: ['https://crust.example', 'not a url'] });
      assertError(res, 422, 'URL_INVALID');
      expect(res.json().error.details).toEqual({ field: 'competitors[1]' });
      expect((await get(s)).json().profile.name).toBeNull();
      // Without a scheme, https is assumed.
      res = await put(s, { website_url: 'rise-bakery.example' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().profile.website_url).toBe('https://rise-bakery.example/');
    });

    it('keeps the owner’s edits through a later guided interview', async () => {
      const s = await register(ctx.app);
      // The session already asked for the name when the owner fixes it in the app; the answer in
      // the chat, and a later "we are called ...", are the advisor's reading and do not win.
      await chat(
        s,
        [
          "We're Rise Bakery, we bake sourdough bread for cafés in Leeds",
          'We use a 48-hour fermentation and deliver before 6am',
          'We want to win 10 new café accounts this year',
          'Our website is https://rise-bakery.example',
          'Our competitors are https://crust.example and https://loaf.example',
          'Our company is called Crust Buster Ltd',
        ],
        () => put(s, { name: 'Rise & Shine Bakery', goals: ['Open a second shop'] }),
      );
      const res = (await get(s)).json();
      expect(res.profile.name).toBe('Rise & Shine Bakery');
      expect(res.profile.goals).toEqual(['Open a second shop']);
      // What the owner did not set, the advisor filled.
      expect(res.profile.website_url).toBe('https://rise-bakery.example');
      expect(res.profile.competitors).toEqual(['https://crust.example', 'https://loaf.example']);
      expect(res.owner_fields).toEqual(['name', 'goals']);
    });

    it('hands a cleared field back to the advisor', async () => {
      const s = await register(ctx.app);
      await put(s, { name: 'Old name', website_url: 'https://old.example' });
      const res = await put(s, { website_url: null });
      expect(res.json().profile.website_url).toBeNull();
      expect(res.json().owner_fields).toEqual(['name']);
      await chat(s, ['Our website is https://rise-bakery.example']);
      expect((await get(s)).json().profile.website_url).toBe('https://rise-bakery.example');
    });

    it('moves ring 1 and the current ring when the profile is completed by hand', async () => {
      const s = await register(ctx.app);
      const progress = async () =>
        (
          await ctx.app.inject({ url: '/api/v1/users/me/progress', headers: bearer(s.access) })
        ).json();
      const before = await progress();
      expect(before.current_ring).toBe(1);
      expect(before.rings[0]).toMatchObject({ key: 'core', state: 'not_started' });

      await put(s, { name: FULL.name, offering: FULL.offering });
      const me = await ctx.app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) });
      expect(me.json().current_ring).toBe(1);
      expect((await progress()).rings[0]).toMatchObject({ state: 'in_progress', progress: 0.33 });

      const res = await put(s, FULL);
      expect(res.json()).toMatchObject({ complete: true, missing_fields: [] });
      // The PUT brought users.current_ring along (read without going through /progress).
      const after = await ctx.app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) });
      expect(after.json().current_ring).toBe(2);
      const rings = await progress();
      expect(rings.rings[0]).toMatchObject({ key: 'core', state: 'completed', progress: 1 });
      expect(rings.current_ring).toBe(2);
    });

    it('documents both routes in the OpenAPI document', async () => {
      const doc = (await ctx.app.inject({ url: '/openapi.json' })).json();
      const path = doc.paths['/api/v1/users/me/profile'];
      expect(path.get.responses['200']).toBeDefined();
      expect(path.put.requestBody).toBeDefined();
      expect(path.put.responses['422']).toBeDefined();
    });
  });

  describe('model advisor', () => {
    let llm: FakeLlmServer;
    const env: Record<string, string> = { RUN_WORKER: 'false' };
    beforeAll(async () => {
      llm = await startFakeLlm();
      llm.setDefault((req) => {
        if (req.tools.some((t) => t.function.name === 'update_business_profile')) {
          return {
            toolCalls: [
              {
                name: 'update_business_profile',
                args: {
                  name: 'Rise Bakery',
                  offering: 'sourdough bread',
                  audience: null,
                  differentiators: ['long fermentation'],
                  goals: [],
                  website_url: null,
                  competitors: [],
                },
              },
            ],
          };
        }
        return { content: req.stream ? 'Tell me more.' : 'Summary.' };
      });
      Object.assign(env, {
        CHAT_MODEL: 'openai:fake-chat',
        LLM_BASE_URL: llm.baseUrl,
        LLM_API_KEY: 'test-key',
        LLM_MAX_RETRIES: '0',
        LLM_TIMEOUT_MS: '5000',
      });
    });
    afterAll(() => llm.close());
    const ctx = useApp(backend, env);

    it('keeps the owner’s edits through the model’s profile extraction', async () => {
      const s = await register(ctx.app);
      const edited = await ctx.app.inject({
        method: 'PUT',
        url: URL_PATH,
        headers: bearer(s.access),
        payload: { name: 'Rise & Shine Bakery', differentiators: ['Organic flour'] },
      });
      expect(edited.statusCode, edited.body).toBe(200);
      const session = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/chat/sessions',
        headers: bearer(s.access),
        payload: { ring_phase: 'core' },
      });
      expect(session.json().mode).toBe('model');
      const sent = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/chat/sessions/${session.json().id}/messages`,
        headers: bearer(s.access),
        payload: { content: "We're Rise Bakery and we sell sourdough bread" },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(llm.chatRequests().some((r) => r.tools.length > 0)).toBe(true);
      const res = (await ctx.app.inject({ url: URL_PATH, headers: bearer(s.access) })).json();
      expect(res.profile).toMatchObject({
        name: 'Rise & Shine Bakery',
        offering: 'sourdough bread',
        differentiators: ['Organic flour'],
      });
    });
  });
});
