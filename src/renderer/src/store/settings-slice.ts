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

/**
 * The form edits the port of the next start (the saved one, else the default), never the port
 * listened on now: under `--port 0` that is random, and saving it would move every app's DSN.
 */
const asEdited = (s: Settings): Settings => ({ ...s, port: s.configuredPort ?? s.nextPort ?? s.port });

/** The settings to send: the port only when the user changed it, so a save of other fields never writes one. */
function toSave(draft: Settings, saved: Settings | null): Partial<Settings> {
  if (saved && draft.port === saved.port) { const { port: _unchanged, ...rest } = draft; return rest; }
  return draft;
}

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
      const saved = await api().saveSettings(toSave(settings, get().settings));
      set({ settings: saved ? asEdited(saved) : settings, settingsError: null });
      get().toast('success', 'Settings saved');
      return true;
    } catch (err) {
      get().toast('error', `Could not save settings: ${messageOf(err)}`);
      return false;
    }
  },
});
