import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../electron/testing';

// The installer's additions for IT (build/installer.nsh) and the packbench.cmd shim. The Windows installer itself is
// built where Electron can be downloaded; here Debian's makensis compiles the additions as NSIS would, every warning
// an error, and the shim is read for what it must do.
const here = import.meta.dirname;
const makensis = spawnSync('makensis', ['-VERSION']).status === 0;
if (!makensis) console.log('installer script test skipped: makensis not installed (apt-get install nsis)');

it.skipIf(!makensis)('the NSIS additions compile cleanly, install and uninstall', () => {
  const { dir, cleanup } = tempDir();
  try {
    const script = join(dir, 't.nsi');
    writeFileSync(
      script,
      [
        '!include "LogicLib.nsh"',
        `!include "${join(here, 'installer.nsh')}"`,
        'Name "Packbench test"',
        `OutFile "${join(dir, 't.exe')}"`,
        'Section',
        '  !insertmacro customInstall',
        `  WriteUninstaller "${join(dir, 'u.exe')}"`,
        'SectionEnd',
        'Section "Uninstall"',
        '  !insertmacro customUnInstall',
        'SectionEnd',
      ].join('\n'),
    );
    const out = execFileSync('makensis', ['-V2', '-WX', script], { encoding: 'utf8' });
    expect(out).not.toMatch(/warning/i);
  } finally {
    cleanup();
  }
});

it('grants the local Users group the data folder, puts the shim on PATH, and takes /autostart', () => {
  const nsh = readFileSync(join(here, 'installer.nsh'), 'utf8');
  expect(nsh).toContain('SetShellVarContext all');
  expect(nsh).toMatch(/icacls "\$APPDATA\\Packbench\\data" \/grant \*S-1-5-32-545:\(OI\)\(CI\)M/);
  expect(nsh).toMatch(/SetEnvironmentVariable\(\$\\'Path\$\\'/);
  expect(nsh).toMatch(/\$\{GetOptions\} \$R0 "\/autostart"/);
  expect(nsh).toContain('Software\\Microsoft\\Windows\\CurrentVersion\\Run');
});

it('the shim runs the app in CLI mode with every argument, shows its output and returns its exit code', () => {
  const cmd = readFileSync(join(here, 'packbench.cmd'), 'utf8');
  expect(cmd).toMatch(/"%~dp0Packbench\.exe" --cli %\* > "%PB_OUT%" 2>&1/);
  expect(cmd).toMatch(/set "PB_CODE=%ERRORLEVEL%"/);
  expect(cmd).toMatch(/exit \/b %PB_CODE%/);
  const builder = readFileSync(join(here, 'electron-builder.yml'), 'utf8');
  expect(builder).toMatch(/from: build\/packbench\.cmd\s+to: packbench\.cmd/);
  expect(builder).toContain('include: build/installer.nsh');
});
