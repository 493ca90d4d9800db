<#
Build the Windows bundle and installer, in one command (from the repository root):
    powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-InstallTest]

Makes its own build venv (PHLO_DESK_BUILD_VENV, default build\venv-windows) from Python
3.11+ ($env:PYTHON, default "python"), freezes into dist\phlo-desk, runs the frozen
--self-test, builds dist\PHLO-Desk-<version>-setup.exe with Inno Setup 6.3+ and prints
the sizes. -InstallTest then installs it silently per user, self-tests the installed
copy, checks the link handler and uninstalls (what CI does).

Signing runs when WINDOWS_CERTIFICATE_PFX_BASE64 (and WINDOWS_CERTIFICATE_PASSWORD) are
set, from the CI secret store: the certificate goes into the user's store for the build
and is removed afterwards; signtool comes from the Windows SDK.
#>
[CmdletBinding()]
param([switch]$InstallTest)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Repo = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$Dist = Join-Path $Repo "dist"
$Venv = if ($env:PHLO_DESK_BUILD_VENV) { $env:PHLO_DESK_BUILD_VENV } else { Join-Path $Repo "build\venv-windows" }
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }
$PyInstallerVersion = if ($env:PYINSTALLER_VERSION) { $env:PYINSTALLER_VERSION } else { "6.22.3" }

function Say($Text) { Write-Host "==> $Text" -ForegroundColor Cyan }
function Invoke-Native {
    # Run a program and stop on a non-zero exit status (native commands do not throw).
    param([Parameter(Mandatory)][string]$File, [string[]]$Arguments = @())
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File exited with $LASTEXITCODE" }
}
function Test-SelfTest([string]$Exe) {
    # The exe is windowed (no stdout): the report goes to a file that is printed here.
    $report = Join-Path ([IO.Path]::GetTempPath()) "phlo-desk-self-test-$PID.txt"
    Remove-Item $report -ErrorAction SilentlyContinue
    $env:PHLO_DESK_SELF_TEST_REPORT = $report
    $env:QT_QPA_PLATFORM = "offscreen"
    try {
        $process = Start-Process -FilePath $Exe -ArgumentList "--self-test" -Wait -PassThru -NoNewWindow
    } finally {
        Remove-Item Env:PHLO_DESK_SELF_TEST_REPORT, Env:QT_QPA_PLATFORM -ErrorAction SilentlyContinue
    }
    if (Test-Path $report) { Get-Content $report | Write-Host; Remove-Item $report }
    if ($process.ExitCode -ne 0) { throw "self-test failed ($($process.ExitCode)): $Exe" }
}
function Find-SignTool {
    $found = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $found) { throw "signtool.exe not found: install the Windows 10/11 SDK" }
    return $found
}

Push-Location $Repo
$certificate = $null
try {
    if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
        Say "creating the build venv $Venv"
        Invoke-Native $Python @("-m", "venv", $Venv)
    }
    $py = Join-Path $Venv "Scripts\python.exe"
    Say "installing phlo-desk and PyInstaller $PyInstallerVersion into the build venv"
    Invoke-Native $py @("-m", "pip", "install", "-q", "--upgrade", "pip")
    # Not editable: the bundle needs the package's metadata (--self-test checks the version).
    Invoke-Native $py @("-m", "pip", "install", "-q", "pyinstaller==$PyInstallerVersion", $Repo)
    # The translations are compiled with that PySide6's lrelease, then the app installed again with them.
    Invoke-Native $py @((Join-Path $Repo "packaging\translations.py"), "build")
    Invoke-Native $py @("-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", $Repo)
    $version = (& $py -c "import phlo_desk; print(phlo_desk.__version__)").Trim()
    $numeric = [regex]::Match($version, '^\d+(\.\d+){0,3}').Value

    Say "freezing into dist\phlo-desk"
    Invoke-Native (Join-Path $Venv "Scripts\pyinstaller.exe") @("--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", $Dist, "--workpath", (Join-Path $Repo "build\pyinstaller"), "packaging\phlo-desk.spec")
    $exe = Join-Path $Dist "phlo-desk\phlo-desk.exe"
    Say "running the frozen self-test"
    Test-SelfTest $exe

    $isccArgs = @("/Q", "/DAppVersion=$version", "/DFileVersion=$numeric", "/DDistDir=$Dist")
    if ($env:WINDOWS_CERTIFICATE_PFX_BASE64) {
        Say "signing with the configured certificate"
        $pfx = Join-Path ([IO.Path]::GetTempPath()) "phlo-desk-signing-$PID.pfx"
        [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE_PFX_BASE64))
        try {
            $password = ConvertTo-SecureString -String "$env:WINDOWS_CERTIFICATE_PASSWORD" -AsPlainText -Force
            $certificate = Import-PfxCertificate -FilePath $pfx -CertStoreLocation Cert:\CurrentUser\My -Password $password
        } finally { Remove-Item $pfx }
        $signtool = Find-SignTool
        # By thumbprint from the store: no password on any command line or in any log.
        $sign = @("sign", "/sha1", $certificate.Thumbprint, "/fd", "sha256",
                  "/tr", "http://timestamp.digicert.com", "/td", "sha256")
        Invoke-Native $signtool.FullName ($sign + @($exe))
        # ISCC signs the setup and the uninstaller through the "phlodesk" sign tool.
        $env:PATH = "$($signtool.DirectoryName);$env:PATH"
        $isccArgs += @("/DSign", "/Sphlodesk=signtool $($sign -join ' ') `$f")
    }

    Say "building the installer"
    $iscc = if ($env:ISCC) { $env:ISCC } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
    if (-not (Test-Path $iscc)) { throw "Inno Setup 6 not found (choco install innosetup, or set ISCC)" }
    Invoke-Native $iscc ($isccArgs + @((Join-Path $PSScriptRoot "phlo-desk.iss")))
    $setup = Join-Path $Dist "PHLO-Desk-$version-setup.exe"

    $bundleMB = [math]::Round((Get-ChildItem (Join-Path $Dist "phlo-desk") -Recurse -File | Measure-Object Length -Sum).Sum / 1MB, 1)
    $setupMB = [math]::Round((Get-Item $setup).Length / 1MB, 1)
    Write-Host "bundle     dist\phlo-desk  $bundleMB MB"
    Write-Host "installer  $setup  $setupMB MB"

    if ($InstallTest) {
        Say "silent per-user install, self-test of the installed copy, uninstall"
        $log = Join-Path $Repo "build\install.log"
        $process = Start-Process $setup -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER", "/LOG=`"$log`"" -Wait -PassThru
        if ($process.ExitCode -ne 0) { throw "setup exited with $($process.ExitCode); see $log" }
        $installed = Join-Path $env:LOCALAPPDATA "Programs\PHLO Desk"
        Test-SelfTest (Join-Path $installed "phlo-desk.exe")
        foreach ($key in "HKCU:\Software\Classes\PhloDesk.Link\shell\open\command", "HKCU:\Software\Classes\tel\shell\open\command",
                         "HKCU:\Software\PHLO Desk\Capabilities\URLAssociations") {
            if (-not (Test-Path $key)) { throw "missing after install: $key" }
        }
        $shortcut = Join-Path $env:APPDATA "Microsoft\Windows\Start Menu\Programs\PHLO Desk.lnk"
        if (-not (Test-Path $shortcut)) { throw "missing Start-menu shortcut: $shortcut" }
        Start-Process (Join-Path $installed "unins000.exe") -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART" -Wait
        # The uninstaller hands over to a copy of itself in %TEMP%: wait for the files to go.
        for ($i = 0; $i -lt 60 -and (Test-Path (Join-Path $installed "phlo-desk.exe")); $i++) { Start-Sleep 1 }
        if (Test-Path (Join-Path $installed "phlo-desk.exe")) { throw "uninstall left $installed behind" }
        if (Test-Path "HKCU:\Software\Classes\PhloDesk.Link") { throw "uninstall left the link ProgID behind" }
        Say "install test passed"
    }
} finally {
    if ($certificate) { Remove-Item "Cert:\CurrentUser\My\$($certificate.Thumbprint)" -DeleteKey -ErrorAction SilentlyContinue }
    Pop-Location
}
