"""PyInstaller entry point: the same main() as the phlo-desk gui-script."""

import sys

from phlo_desk.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
