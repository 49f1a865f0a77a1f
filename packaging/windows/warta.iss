; Inno Setup 6 script for Warta: builds dist\Warta-<version>-setup.exe
;
;   1. Build the bundle first:   pyinstaller --noconfirm --clean packaging\warta.spec
;   2. Compile this script:      "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\warta.iss
;
; The installer asks whether to install for the current user only (no administrator
; rights needed, into %LOCALAPPDATA%\Programs\Warta) or for all users of the PC
; (into C:\Program Files\Warta). Uninstalling never removes libraries or settings.

#define AppName "Warta"
#define SourceDir "..\..\dist\Warta"
#ifndef AppVersion
  ; Taken from the version resource PyInstaller wrote into Warta.exe (e.g. 0.1.0.0).
  #define AppVersion GetVersionNumbersString(SourceDir + "\Warta.exe")
#endif

[Setup]
; Never change AppId: upgrades and the uninstaller find earlier installs by it.
AppId={{6C1F3E52-8B5A-4F0D-9B7E-5A2D7C4E9A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Warta
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Warta-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\warta.ico
UninstallDisplayIcon={app}\Warta.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Indonesian is not among Inno Setup's bundled translations: put the community
; Indonesian.isl (jrsoftware.org/files/istrans/) next to this script to add it.
#ifexist "Indonesian.isl"
Name: "indonesian"; MessagesFile: "Indonesian.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\Warta.exe"; IconFilename: "{app}\Warta.exe"; Comment: "Siaran pers, narahubung, arsip foto, paket media"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Warta.exe"; IconFilename: "{app}\Warta.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Warta.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program folder may have gained at run time (bytecode caches);
; the library in %LOCALAPPDATA%\Warta is the office's data and stays.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
