import { QueryClientProvider } from '@tanstack/react-query';
import { DarkTheme, DefaultTheme, ThemeProvider } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { type ReactNode, startTransition, useEffect, useMemo, useState } from 'react';
import { SafeAreaProvider } from 'react-native-safe-area-context';
import { watchConnectivity } from '../lib/network-events';
import { queryClient } from '../lib/query-client';
import { persistQueries } from '../lib/query-persistence';
import { useAuth } from '../stores/auth-store';
import { useNetwork } from '../stores/network-store';
import { usePreferences } from '../stores/preferences-store';
import { useTheme } from '../theme/use-theme';
import { LoadingState } from '../ui/states';
import { RootView } from './root-view';

/** Loads what the device remembers (preferences, session, last-known data) before the first screen. */
function useBoot(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stop: (() => void) | undefined;
    const unwatch = watchConnectivity((online) => {
      useNetwork.getState().setOnline(online);
      // Back online: refresh what is on screen instead of waiting for the next pull.
      if (online) void queryClient.invalidateQueries();
    });
    void Promise.all([
      usePreferences.getState().hydrate(),
      useAuth.getState().hydrate(),
      persistQueries(queryClient).then((s) => {
        stop = s;
      }),
    ]).finally(() =>
      // A transition lets React render the first screen in slices, so the page stays responsive
      // while it mounts instead of blocking the main thread in one long task.
      startTransition(() => setReady(true)),
    );
    return () => {
      stop?.();
      unwatch();
    };
  }, []);
  return ready;
}

function NavigationTheme({ children }: { children: ReactNode }) {
  const { dark, colors } = useTheme();
  const theme = useMemo(() => {
    const base = dark ? DarkTheme : DefaultTheme;
    return {
      ...base,
      colors: {
        ...base.colors,
        primary: colors.primary,
        background: colors.background,
        card: colors.surface,
        text: colors.text,
        border: colors.border,
      },
    };
  }, [dark, colors]);
  return (
    <ThemeProvider value={theme}>
      <StatusBar style={dark ? 'light' : 'dark'} />
      {children}
    </ThemeProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const ready = useBoot();
  return (
    <RootView>
      <SafeAreaProvider>
        <QueryClientProvider client={queryClient}>
          <NavigationTheme>
            {ready ? children : <LoadingState label="Starting Quento" />}
          </NavigationTheme>
        </QueryClientProvider>
      </SafeAreaProvider>
    </RootView>
  );
}
