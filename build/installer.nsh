; Packbench's additions to the NSIS installer (electron-builder includes build/installer.nsh).
!include "FileFunc.nsh"

!macro customInstall
  ; One database for every Windows user of this PC (shift changes switch Windows accounts): the data folder under
  ; ProgramData, where the local Users group (S-1-5-32-545, any language of Windows) may write.
  SetShellVarContext all
  CreateDirectory "$APPDATA\Packbench\data"
  nsExec::ExecToLog 'icacls "$APPDATA\Packbench\data" /grant *S-1-5-32-545:(OI)(CI)M /T /Q'
  ; IT's commands without Node: packbench.cmd (beside the exe) on every user's PATH, added once.
  nsExec::ExecToLog 'powershell -NoProfile -ExecutionPolicy Bypass -Command "$$d=$\'$INSTDIR$\'; $$p=[Environment]::GetEnvironmentVariable($\'Path$\',$\'Machine$\'); if (($$p -split $\';$\') -notcontains $$d) { [Environment]::SetEnvironmentVariable($\'Path$\', ($$p.TrimEnd($\';$\') + $\';$\' + $$d), $\'Machine$\') }"'
  ; /autostart: the bench starts when anyone logs in to Windows (a kiosk bench).
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/autostart" $R1
  ${IfNot} ${Errors}
    WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Packbench" '"$INSTDIR\Packbench.exe"'
  ${EndIf}
!macroend

!macro customUnInstall
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Packbench"
  nsExec::ExecToLog 'powershell -NoProfile -ExecutionPolicy Bypass -Command "$$d=$\'$INSTDIR$\'; $$p=[Environment]::GetEnvironmentVariable($\'Path$\',$\'Machine$\'); [Environment]::SetEnvironmentVariable($\'Path$\', (($$p -split $\';$\') | Where-Object { $$_ -ne $$d }) -join $\';$\', $\'Machine$\')"'
  ; The data folder and its database stay: they are the warehouse's records, not the program's.
!macroend
