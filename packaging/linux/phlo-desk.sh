#!/bin/sh
# /usr/bin/phlo-desk: the frozen app lives in /opt/phlo-desk.
exec /opt/phlo-desk/phlo-desk "$@"
