/**
 * The desktop shell's menu, tray, notifications and `lookout://` links, on the page's side: a
 * navigation target becomes a route, Back/Forward move through the hash history, and
 * "Export Bug Report…" opens the export dialog of the issue on screen. A no-op in a browser, where
 * there is no bridge (src/shared/ipc-contract.ts).
 */
import { useEffect } from 'react';
import type { MenuCommand, NavigateTarget } from '../../../shared/ipc-contract';
import { desktopBridge } from '../api/bridge';
import { useStore } from '../store';
import { navigate } from './navigation';
import type { IssueFilters, Route } from './route';

/** The route for a target from main; the issue list keeps the filters last used. */
export function routeOfTarget(target: NavigateTarget, issueFilters: IssueFilters): Route {
  switch (target.kind) {
    case 'issue': return { name: 'issue', issueId: target.issueId };
    case 'issues': return { name: 'issues', filters: issueFilters };
    case 'logs': return { name: 'logs', filters: {} };
    case 'traces': case 'replays': case 'crons': case 'releases': case 'stats': case 'settings': case 'setup':
      return { name: target.kind };
  }
}

function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'back': window.history.back(); return;
    case 'forward': window.history.forward(); return;
    case 'export-bug-report': {
      const exportButton = document.querySelector<HTMLButtonElement>('[data-testid="export-open"]');
      if (exportButton) exportButton.click();
      else useStore.getState().toast('info', 'Open an issue to export its bug report.');
    }
  }
}

/** Follows the desktop shell's navigation requests and menu commands while the app is mounted. */
export function useDesktopCommands(): void {
  useEffect(() => {
    const bridge = desktopBridge();
    if (bridge === null) return undefined;
    const stopNavigate = bridge.onNavigate((target) => navigate(routeOfTarget(target, useStore.getState().filters)));
    const stopCommands = bridge.onMenuCommand(runMenuCommand);
    return () => {
      stopNavigate();
      stopCommands();
    };
  }, []);
}
