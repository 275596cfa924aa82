; Booster Desk: per-user Windows installer for Inno Setup 6.3 or newer.
;
; No administrator rights: installs into %LOCALAPPDATA%\Programs\Booster Desk for the person
; running it, adds a Start-menu shortcut, runs the program's self-test, and on uninstall
; removes only the program files. The clinic's database, backups, logs and audit keys
; (%LOCALAPPDATA%\BoosterDesk) are never deleted.
;
; Build the bundle first (dist\boosterdesk\), then, from the repository root:
;   $v = .venv\Scripts\python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
;   iscc /DAppVersion=$v installer\windows\boosterdesk.iss
; Writes dist\BoosterDesk-<version>-windows-x64-setup.exe. See installer\README.md.

#ifndef AppVersion
  #error Give the version from pyproject.toml: iscc /DAppVersion=0.1.0 installer\windows\boosterdesk.iss
#endif
#define AppName "Booster Desk"
#define AppExe "boosterdesk.exe"
#define BundleDir "..\..\dist\boosterdesk"

[Setup]
; The AppId identifies the program across versions: never change it.
AppId={{6F2C8B4E-3A1D-4E7B-9C55-0B8D2E7A41C3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Booster Desk
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per user, no UAC prompt: {autopf} is %LOCALAPPDATA%\Programs in this mode.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or newer.
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename=BoosterDesk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\boosterdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Booster Desk before replacing its files.
CloseApplications=yes
RestartApplications=no
; To sign setup and uninstaller (recommended), define a sign tool in the Inno Setup IDE or
; with iscc /S"signtool=signtool.exe sign /fd sha256 /tr http://timestamp.example /td sha256 $p"
; and uncomment:
; SignTool=signtool

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
ConfirmUninstall=Remove %1 from this computer?%n%nOnly the program is removed. The clinic's database, its backups, the logs and the audit keys in your AppData\Local\BoosterDesk folder are kept.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade first removes the previous version's libraries (program files only, never data),
; so no stale file is left beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Maintenance ketamine, esketamine and TMS clinic workstation"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section, on purpose: the uninstaller removes only what it installed.

[Code]
// After copying the files, run the program's own self-test (a temporary database, the
// window shown off screen); tell the person installing if it fails. Exit code 0 = passed.
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    if (not Exec(ExpandConstant('{app}\{#AppExe}'), '--self-test', ExpandConstant('{app}'),
                 SW_HIDE, ewWaitUntilTerminated, ResultCode)) or (ResultCode <> 0) then
      SuppressibleMsgBox('Booster Desk was installed, but its self-test did not pass (code ' +
        IntToStr(ResultCode) + '). Please tell whoever supports this computer.',
        mbError, MB_OK, IDOK);
  end;
end;
