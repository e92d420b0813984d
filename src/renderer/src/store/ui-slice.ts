/** Toasts, the colour theme (persisted in localStorage, applied on <html data-theme>) and the shortcuts dialog. */
import type { SliceCreator } from './types';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ToastKind = 'info' | 'success' | 'error';

export interface Toast { id: number; kind: ToastKind; text: string }

export interface UiSlice {
  toasts: Toast[];
  theme: ThemePreference;
  toast: (kind: ToastKind, text: string) => void;
  dismissToast: (id: number) => void;
  setTheme: (theme: ThemePreference) => void;
  /** The keyboard shortcuts dialog (`?`). */
  shortcutsOpen: boolean;
  setShortcutsOpen: (open: boolean) => void;
}

const THEME_KEY = 'lookout.theme';
const TOAST_MS = 5000;
let toastSeq = 0;

export function readStoredTheme(): ThemePreference {
  try {
    const v = window.localStorage.getItem(THEME_KEY);
    if (v === 'light' || v === 'dark' || v === 'system') return v;
  } catch { /* storage blocked */ }
  return 'system';
}

/** `system` removes the attribute so the CSS `prefers-color-scheme` media query decides. */
export function applyTheme(theme: ThemePreference): void {
  const root = document.documentElement;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  toasts: [],
  theme: readStoredTheme(),
  shortcutsOpen: false,
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  toast: (kind, text) => {
    const id = ++toastSeq;
    // Three at most: more covered the Save button of the Export dialog behind them.
    set((s) => ({ toasts: [...s.toasts.slice(-2), { id, kind, text }] }));
    window.setTimeout(() => get().dismissToast(id), kind === 'error' ? TOAST_MS * 2 : TOAST_MS);
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setTheme: (theme) => {
    try { window.localStorage.setItem(THEME_KEY, theme); } catch { /* storage blocked */ }
    applyTheme(theme);
    set({ theme });
  },
});
