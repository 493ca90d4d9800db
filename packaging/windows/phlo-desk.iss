; Inno Setup 6.3+ script for PHLO Desk (built by packaging\windows\build.ps1).
; Installs per user without admin rights by default; /ALLUSERS (or the dialog's
; choice) installs for all users when run elevated. Silent mass deployment:
;   PHLO-Desk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER
;   PHLO-Desk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /ALLUSERS   (elevated)

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef FileVersion
  #define FileVersion AppVersion
#endif
#ifndef DistDir
  #define DistDir "..\..\dist"
#endif
#define AppName "PHLO Desk"
#define AppExe "phlo-desk.exe"
#define LinkProgId "PhloDesk.Link"

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{C7624420-6FAD-4294-A339-148EDFC1C164}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PHLO Desk
VersionInfoVersion={#FileVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
; {autopf} is %LOCALAPPDATA%\Programs per user, Program Files for all users.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#DistDir}
OutputBaseFilename=PHLO-Desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\phlo-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running PHLO Desk (Restart Manager) instead of failing on locked files.
CloseApplications=yes
RestartApplications=no
; Tell Explorer the tel:/sip: handlers changed.
ChangesAssociations=yes
#ifdef Sign
; build.ps1 defines the "phlodesk" sign tool (/S) when a certificate is configured.
SignTool=phlodesk
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "links"; Description: "Open tel: and sip: links with {#AppName}"; GroupDescription: "Links:"

[Files]
Source: "{#DistDir}\phlo-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for all users.
; A ProgID for links, and the capabilities that list PHLO Desk under Settings > Default apps.
Root: HKA; Subkey: "Software\Classes\{#LinkProgId}"; ValueType: string; ValueName: ""; ValueData: "PHLO Desk link"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#LinkProgId}"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\{#LinkProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\{#LinkProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\PHLO Desk"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\PHLO Desk\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"
Root: HKA; Subkey: "Software\PHLO Desk\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Warm and cold transfers for Plivo PHLO calls"
Root: HKA; Subkey: "Software\PHLO Desk\Capabilities\URLAssociations"; ValueType: string; ValueName: "tel"; ValueData: "{#LinkProgId}"
Root: HKA; Subkey: "Software\PHLO Desk\Capabilities\URLAssociations"; ValueType: string; ValueName: "sip"; ValueData: "{#LinkProgId}"
Root: HKA; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "{#AppName}"; ValueData: "Software\PHLO Desk\Capabilities"; Flags: uninsdeletevalue
; The classic handler keys: they open links while the user has not chosen another default app.
; The link only pre-fills To; the app never transfers by itself.
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: ""; ValueData: "URL:Telephone link"; Flags: createvalueifdoesntexist uninsdeletekeyifempty; Tasks: links
Root: HKA; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Flags: createvalueifdoesntexist; Tasks: links
Root: HKA; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Flags: uninsdeletekey; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueName: ""; ValueData: "URL:SIP link"; Flags: createvalueifdoesntexist uninsdeletekeyifempty; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Flags: createvalueifdoesntexist; Tasks: links
Root: HKA; Subkey: "Software\Classes\sip\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Flags: uninsdeletekey; Tasks: links

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
