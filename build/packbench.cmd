@echo off
rem packbench.cmd: the packbench command of the installed app, for IT (bench PCs have no Node).
rem Installed beside Packbench.exe and put on every user's PATH by the installer. Packbench.exe is a window
rem program, so its output goes to a file that is shown when the command ends; the exit code is the command's.
setlocal
set "PB_OUT=%TEMP%\packbench-%RANDOM%%RANDOM%.txt"
"%~dp0Packbench.exe" --cli %* > "%PB_OUT%" 2>&1
set "PB_CODE=%ERRORLEVEL%"
type "%PB_OUT%"
del "%PB_OUT%" >nul 2>&1
exit /b %PB_CODE%
