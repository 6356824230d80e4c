import { Tabs } from 'expo-router/js-tabs';
import { useTheme } from '../../src/theme/use-theme';
import { Icon, type IconName } from '../../src/ui/icons';

const TABS: { name: string; title: string; icon: IconName; label: string }[] = [
  { name: 'home', title: 'Home', icon: 'home', label: 'Home, ring 1: your core story' },
  {
    name: 'discover',
    title: 'Discover',
    icon: 'discover',
    label: 'Discover, ring 2: website analysis',
  },
  { name: 'plan', title: 'Plan', icon: 'plan', label: 'Plan, ring 3: your strategy' },
  { name: 'execute', title: 'Execute', icon: 'execute', label: 'Execute, ring 4: your actions' },
  {
    name: 'optimize',
    title: 'Optimize',
    icon: 'optimize',
    label: 'Optimize, ring 5: your progress',
  },
];

export default function TabsLayout() {
  const { colors } = useTheme();
  return (
    <Tabs
      screenOptions={{
        headerShown: false,
        tabBarActiveTintColor: colors.primary,
        tabBarInactiveTintColor: colors.muted,
        tabBarStyle: { backgroundColor: colors.surface, borderTopColor: colors.border },
        tabBarLabelStyle: { fontSize: 12, fontWeight: '600' },
      }}
    >
      {TABS.map((t) => (
        <Tabs.Screen
          key={t.name}
          name={t.name}
          options={{
            title: t.title,
            tabBarAccessibilityLabel: t.label,
            tabBarIcon: ({ color }) => <Icon name={t.icon} color={String(color)} />,
          }}
        />
      ))}
    </Tabs>
  );
}
