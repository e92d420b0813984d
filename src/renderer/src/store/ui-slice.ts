/** Toasts, the colour theme (persisted in localStorage, applied on <html data-theme>) and the shortcuts dialog. */
import type { SliceCreator } from './types';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ToastKind = 'info' | 'success' | 'error';

/** A button in a toast (Undo): it runs once, and the toast goes. */
export interface ToastAction { label: string; run: () => void }

export interface Toast { id: number; kind: ToastKind; text: string; action?: ToastAction }

export interface UiSlice {
  toasts: Toast[];
  theme: ThemePreference;
  /** With an `action` (Undo) the toast stays twice as long, time to reach its button. */
  toast: (kind: ToastKind, text: string, action?: ToastAction) => void;
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
  toast: (kind, text, action) => {
    const id = ++toastSeq;
    // Three at most: more covered the Save button of the Export dialog behind them.
    set((s) => ({ toasts: [...s.toasts.slice(-2), { id, kind, text, ...(action ? { action } : {}) }] }));
    window.setTimeout(() => get().dismissToast(id), kind === 'error' || action ? TOAST_MS * 2 : TOAST_MS);
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setTheme: (theme) => {
    try { window.localStorage.setItem(THEME_KEY, theme); } catch { /* storage blocked */ }
    applyTheme(theme);
    set({ theme });
  },
});
