/** Server-side settings (`GET/PUT /_lookout/api/settings`). */
import type { Settings } from '../../../shared/api-types';
import { api } from '../api/instance';
import { messageOf } from '../lib/errors';
import type { SliceCreator } from './types';

export interface SettingsSlice {
  settings: Settings | null;
  settingsError: string | null;
  loadSettings: () => Promise<void>;
  saveSettings: (settings: Settings) => Promise<boolean>;
}

/** The form edits the port of the next start: a saved new port is shown until Lookout restarts on it. */
const asEdited = (s: Settings): Settings => ({ ...s, port: s.nextPort ?? s.port });

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: null,
  settingsError: null,
  loadSettings: async () => {
    try {
      set({ settings: asEdited(await api().settings()), settingsError: null });
    } catch (err) {
      set({ settingsError: messageOf(err) });
    }
  },
  saveSettings: async (settings) => {
    try {
      const saved = await api().saveSettings(settings);
      set({ settings: saved ? asEdited(saved) : settings, settingsError: null });
      get().toast('success', 'Settings saved');
      return true;
    } catch (err) {
      get().toast('error', `Could not save settings: ${messageOf(err)}`);
      return false;
    }
  },
});
