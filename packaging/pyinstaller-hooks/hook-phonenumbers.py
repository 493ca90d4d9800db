# Replaces the community hook, which collects every phonenumbers module (~48 MB).
# PHLO Desk only parses, formats and validates numbers: the per-region metadata is
# needed (loaded lazily, by name); geocoding, carrier and time-zone data are not.
from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier",
          "phonenumbers.carrierdata", "phonenumbers.timezone", "phonenumbers.tzdata")

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
excludedimports = list(UNUSED)
