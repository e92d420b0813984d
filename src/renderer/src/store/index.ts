/** The app store, built from slices (one file per concern). */
import { create } from 'zustand';
import { createConnectionSlice } from './connection-slice';
import { createCronsSlice } from './crons-slice';
import { createDetailSlice } from './detail-slice';
import { createIssuesSlice } from './issues-slice';
import { createLogsSlice } from './logs-slice';
import { createProjectsSlice } from './projects-slice';
import { createSettingsSlice } from './settings-slice';
import { createStreamSlice } from './stream-slice';
import { createTracesSlice } from './traces-slice';
import type { AppState } from './types';
import { createUiSlice } from './ui-slice';

export type { AppState } from './types';

export const useStore = create<AppState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createProjectsSlice(...a),
  ...createIssuesSlice(...a),
  ...createDetailSlice(...a),
  ...createStreamSlice(...a),
  ...createSettingsSlice(...a),
  ...createUiSlice(...a),
  ...createTracesSlice(...a),
  ...createLogsSlice(...a),
  ...createCronsSlice(...a),
}));
