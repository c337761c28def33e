// Electron entry (bundled to dist/main/app.cjs): hands the real Electron API to startPortsideApp, nothing more.
import * as electron from 'electron';
import { join } from 'node:path';
import { START_FAILED_TITLE, startErrorMessage, startPortsideApp } from './portside-app';

startPortsideApp(electron, {
  rendererDir: join(__dirname, '..', 'renderer'),
  preloadFile: join(__dirname, '..', 'preload', 'index.cjs'),
}).catch((error: unknown) => {
  // A failure startPortsideApp did not foresee still ends in a message, never a silent exit.
  electron.dialog.showErrorBox(START_FAILED_TITLE, startErrorMessage(error, electron.app.getPath('userData')));
  electron.app.exit(1);
});
