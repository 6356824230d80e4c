import { z } from 'zod';

const Address = z.url({
  protocol: /^https?$/,
  error: 'Must be a web address such as https://quento.example.com.',
});
const Health = z.object({ status: z.literal('ok') });

export type AddressCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Checks a self-hosted API address before the app switches to it: a valid http(s) address whose
 * `/healthz` answers like Quento's.
 */
export async function checkApiAddress(
  input: string,
  fetchImpl: typeof fetch = (i, init) => fetch(i, init),
  timeoutMs = 8000,
): Promise<AddressCheck> {
  const parsed = Address.safeParse(input.trim());
  if (!parsed.success)
    return { ok: false, message: 'Must be a web address such as https://quento.example.com.' };
  const url = parsed.data.replace(/\/+$/, '');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetchImpl(`${url}/healthz`, { signal: controller.signal });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok || !Health.safeParse(body).success)
      return { ok: false, message: 'That address answered, but not like a Quento server.' };
    return { ok: true, url };
  } catch {
    return { ok: false, message: 'No Quento server answered at that address.' };
  } finally {
    clearTimeout(timer);
  }
}
