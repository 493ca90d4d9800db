# dmgbuild settings for the PHLO Desk disk image (used by packaging/macos/build.sh):
#   dmgbuild -s packaging/macos/dmg-settings.py -D app="dist/PHLO Desk.app" "PHLO Desk" out.dmg
# dmgbuild runs this file with `defines` holding the -D values.
import os.path

application = defines["app"]  # noqa: F821
appname = os.path.basename(application)

format = "UDZO"  # zlib-compressed, read-only: opens on every supported macOS
files = [application]
symlinks = {"Applications": "/Applications"}  # drag the app onto it to install
icon = defines.get("icon")  # noqa: F821  (the volume icon)
background = "builtin-arrow"
window_rect = ((200, 120), (600, 360))
default_view = "icon-view"
show_status_bar = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
icon_size = 128
icon_locations = {appname: (140, 170), "Applications": (460, 170)}
