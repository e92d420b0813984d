/** Entry: pick the API base, apply the theme, start the live stream, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveApiBase } from './api/base-url';
import { configureClient } from './api/instance';
import { App } from './App';
import { useStore } from './store';
import { startLive } from './store/live';
import { applyTheme, readStoredTheme } from './store/ui-slice';
import './styles/index.css';

async function boot(): Promise<void> {
  applyTheme(readStoredTheme());
  let base = '';
  try {
    base = await resolveApiBase();
  } catch (err) {
    console.error('Lookout: could not read server info from the desktop bridge', err);
  }
  configureClient(base);
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(<StrictMode><App /></StrictMode>);
  const state = useStore.getState();
  void state.loadHealth();
  void state.loadProjects();
  startLive();
}

void boot();
