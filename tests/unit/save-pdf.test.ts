// "Save as PDF" in Electron, through the stand-in: the window's print goes to the file the user picks, and nothing else gets in.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_SAVE_PDF } from '../../core/api/ipc-channels';
import { RENDERER_ENTRY_URL, isRendererUrl } from '../../main/app/renderer-protocol';
import { registerSavePdf } from '../../main/app/save-pdf';
import { electronStandIn, WindowStandIn } from '../support/electron-stand-in';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portside-pdf-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp(savePath?: string) {
  const electron = electronStandIn({ userData: tempDir(), ...(savePath ? { savePath } : {}) });
  const win = new WindowStandIn({});
  registerSavePdf({ electron, window: () => win, isTrustedUrl: isRendererUrl });
  const handler = electron.ipcHandlers.get(IPC_SAVE_PDF);
  if (!handler) throw new Error('no save-pdf handler');
  const ask = (fileName: unknown, url = RENDERER_ENTRY_URL) => handler({ senderFrame: { url } }, fileName);
  return { electron, win, ask };
}

describe('Save as PDF', () => {
  it('prints the window to A4 with backgrounds and writes it where the user chose', async () => {
    const path = join(tempDir(), 'dashboard.pdf');
    const { electron, win, ask } = setUp(path);
    await expect(ask('portside-dashboard-2026-11-30.pdf')).resolves.toEqual({ saved: true, path });
    expect(electron.calls).toContain('showSaveDialog portside-dashboard-2026-11-30.pdf');
    expect(win.webContents.printed).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.7 stand-in');
  });

  it('prints nothing and writes nothing when the user cancels the save dialog', async () => {
    const { win, ask } = setUp();
    await expect(ask('portside-order-ORD-1.pdf')).resolves.toEqual({ saved: false });
    expect(win.webContents.printed).toEqual([]);
  });

  it('suggests a plain name instead of a path or anything but a .pdf the page asks for', async () => {
    const path = join(tempDir(), 'out.pdf');
    const { electron, ask } = setUp(path);
    await ask('../../etc/passwd.pdf');
    await ask({ name: 'x' });
    expect(electron.calls.filter((c) => c.startsWith('showSaveDialog'))).toEqual([
      'showSaveDialog portside-report.pdf',
      'showSaveDialog portside-report.pdf',
    ]);
  });

  it('refuses a frame that is not Portside’s own renderer, without a dialog', async () => {
    const path = join(tempDir(), 'never.pdf');
    const { electron, ask } = setUp(path);
    await expect(ask('x.pdf', 'https://example.com/')).resolves.toMatchObject({
      saved: false,
      error: expect.stringContaining('not allowed'),
    });
    expect(electron.calls.some((c) => c.startsWith('showSaveDialog'))).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('says where it could not write, and why, instead of failing silently', async () => {
    const path = join(tempDir(), 'missing-folder', 'report.pdf');
    const { ask } = setUp(path);
    const reply = await ask('report.pdf');
    expect(reply).toMatchObject({ saved: false, error: expect.stringContaining(path) });
  });
});
