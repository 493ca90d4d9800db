"""Command-line flags for the settings, shared by the window and phlo-desk-cli,
so IT can provision either from a shortcut with the same words."""

from __future__ import annotations

import argparse

from phlo_desk.core.settings import FIELD_NAMES


def add_settings_arguments(parser: argparse.ArgumentParser, *, with_trigger_source: bool) -> None:
    # SUPPRESS leaves unset flags out of the namespace, so they never mask a lower layer
    # and the same option may stand before or after a sub-command.
    group = parser.add_argument_group("settings (override the environment and saved settings)")
    group.add_argument("--api-base", default=argparse.SUPPRESS,
                       help="API base URL (default https://phlorunner.plivo.com)")
    group.add_argument("--phlo-id", default=argparse.SUPPRESS, help="PHLO ID")
    group.add_argument("--node-id", default=argparse.SUPPRESS, help="multi-party call node ID")
    group.add_argument("--auth-id", default=argparse.SUPPRESS, help="Plivo Auth ID (MA... or SA...)")
    group.add_argument("--region", dest="default_region", default=argparse.SUPPRESS, type=str.upper,
                       help="region for numbers typed without a country code, e.g. US, GB")
    if with_trigger_source:
        group.add_argument("--trigger-source", default=argparse.SUPPRESS,
                           help="your own phone number or SIP address")
    group.add_argument("--tray", choices=("on", "off"), default=argparse.SUPPRESS,
                       help="the icon in the system tray (default on)")
    group.add_argument("--notifications", choices=("on", "off"), default=argparse.SUPPRESS,
                       help="a desktop notification for an answer while the desk is not active (default on)")
    group.add_argument("--language", default=argparse.SUPPRESS,
                       help="the window's language, e.g. es or en (default: the system's)")
    group.add_argument("--directory", default=argparse.SUPPRESS,
                       help="IT's transfer directory: a CSV or JSON file, or an https URL")
    group.add_argument("--directory-endpoints", choices=("on", "off"), default=argparse.SUPPRESS,
                       help="add the Plivo account's SIP endpoints to the directory (default off)")


def settings_flags(args: argparse.Namespace) -> dict[str, str | None]:
    """The profile fields given as flags; absent ones are None."""
    return {name: getattr(args, name, None) for name in FIELD_NAMES}
