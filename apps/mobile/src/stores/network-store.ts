import { create } from 'zustand';

interface NetworkState {
  /** False after a request could not reach the API; true again after the next answer. */
  online: boolean;
  setOnline(online: boolean): void;
}

export const useNetwork = create<NetworkState>()((set, get) => ({
  online: true,
  setOnline: (online) => {
    if (get().online !== online) set({ online });
  },
}));
