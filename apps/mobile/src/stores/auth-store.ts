import type { User } from '@quento/contracts';
import { z } from 'zod';
import { create } from 'zustand';
import type { Session } from '../lib/api/client';
import { secureStorage } from '../lib/secure-storage';

const KEY = 'quento.session.v1';

const StoredSession = z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1) });

type AuthStatus = 'loading' | 'signedOut' | 'signedIn';

interface AuthState {
  status: AuthStatus;
  session: Session | null;
  /** The signed-in user as last seen (kept for offline starts). */
  user: User | null;
  hydrate(): Promise<void>;
  signIn(session: Session, user: User): void;
  setSession(session: Session | null): void;
  setUser(user: User): void;
  signOut(): void;
}

function persist(session: Session | null, user: User | null) {
  if (session) void secureStorage.set(KEY, JSON.stringify({ ...session, user }));
  else void secureStorage.remove(KEY);
}

export const useAuth = create<AuthState>()((set, get) => ({
  status: 'loading',
  session: null,
  user: null,
  hydrate: async () => {
    let stored: { session: Session; user: User | null } | null = null;
    try {
      const text = await secureStorage.get(KEY);
      const json = text ? JSON.parse(text) : null;
      const parsed = StoredSession.safeParse(json);
      if (parsed.success) stored = { session: parsed.data, user: json.user ?? null };
    } catch {
      stored = null;
    }
    set(
      stored
        ? { status: 'signedIn', session: stored.session, user: stored.user }
        : { status: 'signedOut', session: null, user: null },
    );
  },
  signIn: (session, user) => {
    set({ status: 'signedIn', session, user });
    persist(session, user);
  },
  setSession: (session) => {
    if (!session) return get().signOut();
    set({ session });
    persist(session, get().user);
  },
  setUser: (user) => {
    set({ user });
    persist(get().session, user);
  },
  signOut: () => {
    set({ status: 'signedOut', session: null, user: null });
    persist(null, null);
  },
}));
